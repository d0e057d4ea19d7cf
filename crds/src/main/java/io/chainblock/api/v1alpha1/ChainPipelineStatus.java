package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChainPipelineStatus {
  public enum Phase { Pending, Running, Succeeded, Failed }

  @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
  public Phase phase;

  @JsonPropertyDescription("Blocks succeeded / blocks in the pipeline, e.g. 1/2.")
  public String blocksDone;

  @JsonPropertyDescription("Shards succeeded / shards in the pipeline, e.g. 4/6.")
  public String shardsDone;

  @JsonPropertyDescription("When the first block started (RFC 3339).")
  public String startTime;

  @JsonPropertyDescription("When the pipeline succeeded or failed (RFC 3339).")
  public String completionTime;

  @JsonPropertyDescription("One entry per block, in the order of spec.blocks.")
  public List<BlockStatus> blocks = new ArrayList<>();

  @SchemaFrom(type = ConditionSchema[].class)
  @JsonPropertyDescription("Valid, Succeeded and Failed conditions.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;
}
