package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class SortSpec {
  public enum SubkeyOrder {
    @JsonProperty("lexicographic") LEXICOGRAPHIC,
    @JsonProperty("numeric") NUMERIC,
    @JsonProperty("reverse") REVERSE
  }

  @JsonPropertyDescription("lexicographic (unsigned bytes, the default), numeric (subkeys compare as decimal numbers) or reverse (unsigned bytes, descending).")
  public SubkeyOrder subkey;
}
