package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DiskStatus {
  public enum Phase { Pending, Filling, Ready, Failed }

  @JsonPropertyDescription("Pending, Filling, Ready or Failed.")
  public Phase phase;

  @JsonPropertyDescription("Number of chunks, from the disk manifest.")
  public Long chunks;

  @JsonPropertyDescription("Total bytes of all chunks, from the disk manifest.")
  public Long bytes;

  @SchemaFrom(type = ConditionSchema[].class)
  @JsonPropertyDescription("The Ready condition, with the reason when the disk is not ready.")
  public List<Condition> conditions = new ArrayList<>();
}
