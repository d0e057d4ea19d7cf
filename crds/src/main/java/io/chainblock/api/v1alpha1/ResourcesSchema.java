package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The CRD schema of a block's {@code resources}. The Java type stays Fabric8's
 * {@code ResourceRequirements}; this class carries the descriptions {@code kubectl explain} shows.
 */
public class ResourcesSchema {
  @JsonPropertyDescription("Most of each resource a shard pod may use, e.g. {memory: 1Gi}.")
  public Map<String, Quantity> limits;
  @JsonPropertyDescription("Resources reserved for each shard pod when it is scheduled, e.g. {cpu: 500m, memory: 1Gi}.")
  public Map<String, Quantity> requests;
}
