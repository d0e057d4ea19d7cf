package io.chainblock.engine.plan;

/** One fault of a pipeline: the field it is in (e.g. {@code spec.blocks[1].inputs[0]}) and a sentence saying how to fix it. */
public record Problem(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
