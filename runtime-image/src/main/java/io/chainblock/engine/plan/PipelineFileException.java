package io.chainblock.engine.plan;

/**
 * A pipeline file cannot be read or does not describe a pipeline. The message is
 * {@code FILE:LINE:COL: FIELD: what is wrong and how to fix it}; the position is left out when
 * the fault is not at one place (no ChainPipeline at all, an unreadable file).
 */
public class PipelineFileException extends Exception {
  private final String source;
  private final int line;
  private final int column;
  private final String field;
  private final String problem;

  PipelineFileException(String source, SourcePosition position, String field, String problem) {
    super(format(source, position, field, problem));
    this.source = source;
    this.line = position == null ? 0 : position.line();
    this.column = position == null ? 0 : position.column();
    this.field = field;
    this.problem = problem;
  }

  private static String format(String source, SourcePosition position, String field, String problem) {
    StringBuilder message = new StringBuilder(source);
    if (position != null) {
      message.append(':').append(position.line()).append(':').append(position.column());
    }
    message.append(": ");
    if (!field.isEmpty()) {
      message.append(field).append(": ");
    }
    return message.append(problem).toString();
  }

  /** The file name as given to {@link PipelineFile}. */
  public String source() {
    return source;
  }

  /** 1-based line of the fault, 0 when it is not at one place. */
  public int line() {
    return line;
  }

  /** 1-based column of the fault, 0 when it is not at one place. */
  public int column() {
    return column;
  }

  /** The field at fault, e.g. {@code spec.blocks[0].shards}; empty for faults of the whole file. */
  public String field() {
    return field;
  }

  /** What is wrong and how to fix it, without the position and field. */
  public String problem() {
    return problem;
  }
}
