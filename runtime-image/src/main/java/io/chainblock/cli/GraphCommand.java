package io.chainblock.cli;

import io.chainblock.engine.plan.PipelineDocuments;
import io.chainblock.engine.plan.PipelineFile;
import io.chainblock.engine.plan.PipelineFileException;
import io.chainblock.engine.plan.PipelineValidator;
import io.chainblock.engine.plan.PipelineValidators;
import io.chainblock.engine.plan.Problem;
import io.chainblock.graph.DotRenderer;
import io.chainblock.graph.MermaidRenderer;
import io.chainblock.graph.PipelineGraph;
import io.chainblock.graph.SvgRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
        "Draws the pipeline's blocks and the data flowing between them.",
        "Mermaid (the default) and DOT are text for Markdown pages and Graphviz;",
        "SVG is a picture for a browser. Output goes to stdout unless -o is given."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the graph was written",
        "2:the command line is wrong",
        "3:the file cannot be read or is not a valid pipeline",
        "4:the output file cannot be written"})
public final class GraphCommand implements Callable<Integer> {
  /** What {@code --format} accepts, in lower case on the command line. */
  public enum Format { MERMAID, DOT, SVG }

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw new TypeConversionException("'" + value + "' is not a graph format: use mermaid, dot or svg");
      }
    }
  }

  private final PipelineValidator validator;

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The pipeline file.")
  private Path file;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "mermaid",
      converter = FormatConverter.class,
      description = "mermaid, dot or svg (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the graph to this file.")
  private Path output;

  public GraphCommand() {
    this(PipelineValidators.standard());
  }

  public GraphCommand(PipelineValidator validator) {
    this.validator = validator;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PipelineDocuments documents;
    try {
      documents = PipelineFile.load(file);
    } catch (PipelineFileException unreadable) {
      err.println(unreadable.getMessage());
      err.flush();
      return ExitCodes.INVALID_PIPELINE;
    }
    // A picture needs a sound graph, not existing Disks: those are the business of run and the operator.
    List<Problem> problems = validator.validate(documents.pipeline(), disk -> true);
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println(file + ": " + problem));
      err.flush();
      return ExitCodes.INVALID_PIPELINE;
    }
    PipelineGraph graph = PipelineGraph.of(documents.pipeline());
    String text = switch (format) {
      case MERMAID -> MermaidRenderer.render(graph);
      case DOT -> DotRenderer.render(graph);
      case SVG -> SvgRenderer.render(graph);
    };
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(text);
      out.flush();
      return ExitCodes.OK;
    }
    try {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (IOException unwritable) {
      err.println(output + ": cannot write the graph: " + unwritable.getMessage());
      err.flush();
      return ExitCodes.INPUT_ERROR;
    }
    return ExitCodes.OK;
  }
}
