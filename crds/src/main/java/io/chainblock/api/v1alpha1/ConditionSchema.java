package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The CRD schema of a status condition. The Java type stays Fabric8's {@code Condition}; this
 * class exists only because that one carries no descriptions for {@code kubectl explain}.
 */
public class ConditionSchema {
  @JsonPropertyDescription("Condition type: Valid, Succeeded or Failed for a ChainPipeline; Ready for a Disk.")
  public String type;
  @JsonPropertyDescription("True, False or Unknown.")
  public String status;
  @JsonPropertyDescription("One CamelCase word saying why the condition has this status.")
  public String reason;
  @JsonPropertyDescription("A sentence for people saying why the condition has this status.")
  public String message;
  @JsonPropertyDescription("When the status last changed (RFC 3339).")
  public String lastTransitionTime;
  @JsonPropertyDescription("The metadata.generation the condition was set for.")
  public Long observedGeneration;
}
