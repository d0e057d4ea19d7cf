package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlockStatus {
  public enum Phase { Pending, Running, Succeeded, Failed }

  @JsonPropertyDescription("Block name, as in spec.blocks.")
  public String name;
  @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
  public Phase phase;
  @JsonPropertyDescription("Shards of the block.")
  public Integer shards;
  @JsonPropertyDescription("Shards that have succeeded.")
  public Integer succeeded;
  @JsonPropertyDescription("Shards that have failed for good (retries exhausted).")
  public Integer failed;
  @JsonPropertyDescription("Succeeded shards whose reports are summed in recordsIn, recordsOut, bytesIn and bytesOut."
      + " Below succeeded while reports are on their way: a finished block's counters go on being updated until"
      + " every succeeded shard's report is in.")
  public Integer counted;
  @JsonPropertyDescription("Name of the block's Job.")
  public String job;
  @JsonPropertyDescription("When the block's Job was created (RFC 3339).")
  public String startTime;
  @JsonPropertyDescription("When the block succeeded or failed (RFC 3339).")
  public String completionTime;
  @JsonPropertyDescription("Records read by all shards.")
  public Long recordsIn;
  @JsonPropertyDescription("Records written by all shards.")
  public Long recordsOut;
  @JsonPropertyDescription("Bytes read by all shards.")
  public Long bytesIn;
  @JsonPropertyDescription("Bytes written by all shards.")
  public Long bytesOut;
  @JsonPropertyDescription("Why the block failed: the failed shard indexes and the shard's own error. For a block"
      + " that succeeded, that its counters miss shards whose reports could not be read.")
  public String message;
}
