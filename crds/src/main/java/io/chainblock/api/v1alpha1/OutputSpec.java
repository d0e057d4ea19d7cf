package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class OutputSpec {
  public enum Format {
    @JsonProperty("tsv") TSV,
    @JsonProperty("values") VALUES,
    @JsonProperty("lines") LINES
  }

  @Required
  @JsonPropertyDescription("Name of the Disk the terminal blocks write; it is created if missing and can be the source of another pipeline.")
  public String disk;

  @JsonPropertyDescription("tsv (key<TAB>[subkey<TAB>]value lines, the default), values (raw value bytes, nothing else) or lines (each value followed by a newline).")
  public Format format;
}
