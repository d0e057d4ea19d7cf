package io.chainblock.engine.plan;

import io.chainblock.engine.function.builtin.Builtins;

/** The validator configured with the builtins this runtime ships. */
public final class PipelineValidators {
  private PipelineValidators() {}

  public static PipelineValidator standard() {
    return new PipelineValidator(Builtins.names(), Builtins::argNames);
  }
}
