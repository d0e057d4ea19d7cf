package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlockSpec {
  @Required
  @JsonPropertyDescription("Block name: a DNS label (lower-case letters, digits and '-', at most 40 characters), unique in the pipeline.")
  public String name;

  @JsonPropertyDescription("Number of shards (pods of the block's indexed Job). A record goes to shard partition(key) mod shards. Default 1.")
  public Integer shards;

  @JsonPropertyDescription("At most this many shards run at once. Default: all shards. May be changed while the pipeline runs.")
  public Integer parallelism;

  @JsonPropertyDescription("Makes this a source block reading the chunks of a Disk; shard i reads chunks i, i+shards, ... Exclusive with inputs.")
  public SourceSpec source;

  @JsonPropertyDescription("Upstream blocks this block reads: 'block' for a block's default output stream, 'block.stream' for a named stream.")
  public List<String> inputs = new ArrayList<>();

  @Required
  @JsonPropertyDescription("What the block computes: exactly one of builtin, class or command.")
  public FunctionSpec function;

  @JsonPropertyDescription("Optional combiner applied to this block's output before it is spilled and shuffled, e.g. {builtin: sum}. It must produce records of the same key it receives.")
  public FunctionSpec combine;

  @JsonPropertyDescription("How the records of one key are ordered before this block sees them. Default: subkeys compare as unsigned bytes.")
  public SortSpec sort;

  @JsonPropertyDescription("How many times a failed shard is retried when the failure may be temporary (storage, a lost node). A shard whose code or input is wrong fails at once. Default 2.")
  @Min(0)
  public Integer retries;

  @SchemaFrom(type = ResourcesSchema.class)
  @JsonPropertyDescription("CPU and memory requests and limits of each shard pod, e.g. {requests: {cpu: 500m, memory: 1Gi}, limits: {memory: 1Gi}}.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("Labels a node must have to run this block's shard pods.")
  public Map<String, String> nodeSelector;

  @SchemaFrom(type = TolerationSchema[].class)
  @JsonPropertyDescription("Taints this block's shard pods tolerate, as in a pod spec.")
  public List<Toleration> tolerations;
}
