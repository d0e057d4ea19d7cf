package io.chainblock.operator;

import io.chainblock.engine.exec.RunLayout;
import io.chainblock.engine.storage.S3Storage;
import java.io.IOException;

/**
 * Deletes the intermediate objects of one pipeline run, {@code runs/NS/PIPELINE/UID/} in the
 * operator's bucket, and nothing else: not other runs, not Disks (a pipeline's output Disk stays).
 */
public final class IntermediatesCleaner {
  private final S3Access s3;
  private final String bucket;

  public IntermediatesCleaner(S3Access s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** @return where the deleted objects were, {@code s3://BUCKET/runs/NS/PIPELINE/UID/} */
  public String deleteRun(String namespace, String pipeline, String uid) throws IOException {
    String prefix = RunLayout.of(part(namespace, "namespace"), part(pipeline, "pipeline"), part(uid, "uid")).base();
    try (S3Storage storage = s3.open(bucket, "")) {
      if (storage.bucketExists()) {
        storage.deletePrefix(prefix);
      }
    }
    return "s3://" + bucket + "/" + prefix;
  }

  /** An empty or slashed part would widen the prefix to other runs' objects. */
  private static String part(String value, String what) {
    if (value == null || value.isBlank() || value.contains("/")) {
      throw new IllegalArgumentException("cannot delete the intermediates of a run with " + what + " '" + value + "'");
    }
    return value;
  }
}
