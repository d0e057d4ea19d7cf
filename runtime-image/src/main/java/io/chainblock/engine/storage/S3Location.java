package io.chainblock.engine.storage;

/** A bucket and a key prefix (empty, or ending in '/'), as in {@code s3://bucket/prefix}. */
public record S3Location(String bucket, String prefix) {
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
