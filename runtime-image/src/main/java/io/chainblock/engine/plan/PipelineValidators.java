package io.chainblock.engine.plan;

import java.util.Map;
import java.util.Set;

/** The validator configured with the builtins this runtime ships. */
public final class PipelineValidators {
  private static final Map<String, Set<String>> BUILTIN_ARGS = Map.of(
      "identity", Set.of(),
      "lines", Set.of(),
      "tokenize", Set.of(),
      "count", Set.of(),
      "sum", Set.of(),
      "concat", Set.of("separator"),
      "grep", Set.of(FunctionRules.PATTERN_ARGUMENT, "invert"),
      "bzip2", Set.of(),
      "bunzip2", Set.of());

  private PipelineValidators() {}

  public static PipelineValidator standard() {
    return new PipelineValidator(BUILTIN_ARGS.keySet(), name -> BUILTIN_ARGS.getOrDefault(name, Set.of()));
  }
}
