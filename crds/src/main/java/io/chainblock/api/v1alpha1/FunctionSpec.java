package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** Exactly one of {@code builtin}, {@code class} or {@code command}; validation enforces it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FunctionSpec {
  @JsonPropertyDescription("A function shipped with the runtime: identity, lines, tokenize, count, sum, concat, grep, bzip2, bunzip2.")
  public String builtin;

  @JsonProperty("class")
  @JsonPropertyDescription("Fully qualified name of a Java class on the runtime image's class path implementing io.chainblock.engine.function.BlockFunction.")
  public String className;

  @JsonPropertyDescription("A streaming program: reads records as key<TAB>subkey<TAB>value lines on stdin and writes them on stdout.")
  public List<String> command;

  @JsonPropertyDescription("Arguments of a builtin, e.g. {pattern: 'error'} for grep.")
  public Map<String, String> args;
}
