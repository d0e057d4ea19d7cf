package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DiskSpec {
  public enum Format {
    @JsonProperty("text") TEXT,
    @JsonProperty("binary") BINARY
  }

  @JsonPropertyDescription("Bucket holding the chunks. Default: the operator's configured bucket.")
  public String bucket;

  @JsonPropertyDescription("Object prefix of the chunks. Default: disks/<namespace>/<name>/.")
  public String prefix;

  @JsonPropertyDescription("Largest size of one chunk, a Kubernetes quantity. Default 64Mi.")
  public Quantity chunkSize;

  @JsonPropertyDescription("text: records are lines and chunks end on a line boundary (the default); binary: chunks are exact chunkSize blocks, the last may be short.")
  public Format format;

  @JsonPropertyDescription("How the disk is filled when no pipeline fills it.")
  public DiskSource source;

  public static class DiskSource {
    @JsonPropertyDescription("Re-chunk existing objects into this disk.")
    public ObjectSource objects;
  }

  public static class ObjectSource {
    @JsonPropertyDescription("Bucket of the existing objects.")
    public String bucket;
    @JsonPropertyDescription("Prefix of the existing objects; they are read in name order.")
    public String prefix;
  }
}
