package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class SourceSpec {
  @Required
  @JsonPropertyDescription("Name of the Disk (in the pipeline's namespace) whose chunks this block reads.")
  public String disk;
}
