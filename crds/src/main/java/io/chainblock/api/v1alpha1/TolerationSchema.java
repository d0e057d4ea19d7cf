package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The CRD schema of one toleration of a block's shard pods. The Java type stays Fabric8's
 * {@code Toleration}; this class carries the descriptions {@code kubectl explain} shows.
 */
public class TolerationSchema {
  @JsonPropertyDescription("Taint key the toleration applies to; empty with operator Exists matches every taint.")
  public String key;
  @JsonPropertyDescription("Exists or Equal (the default).")
  public String operator;
  @JsonPropertyDescription("Taint value to match when the operator is Equal.")
  public String value;
  @JsonPropertyDescription("Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.")
  public String effect;
  @JsonPropertyDescription("For NoExecute taints: how many seconds the pod stays bound after the taint appears.")
  public Long tolerationSeconds;
}
