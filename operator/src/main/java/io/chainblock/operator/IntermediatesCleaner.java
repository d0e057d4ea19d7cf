package io.chainblock.operator;

import io.chainblock.engine.exec.RunLayout;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.Storage;
import io.chainblock.operator.pipeline.StorageOpener;
import java.io.IOException;

/**
 * Deletes the intermediate objects of one pipeline run, {@code runs/NS/PIPELINE/UID/} in the
 * operator's bucket, and nothing else: not other runs, not Disks (a pipeline's output Disk stays).
 */
public final class IntermediatesCleaner {
  private final StorageOpener storage;
  private final String bucket;

  /** @param storage opens {@code s3://BUCKET/}, the root the shard pods write {@code runs/...} under */
  public IntermediatesCleaner(StorageOpener storage, String bucket) {
    this.storage = storage;
    this.bucket = bucket;
  }

  /** @return where the deleted objects were, {@code s3://BUCKET/runs/NS/PIPELINE/UID/} */
  public String deleteRun(String namespace, String pipeline, String uid) throws IOException {
    String prefix = RunLayout.of(part(namespace, "namespace"), part(pipeline, "pipeline"), part(uid, "uid")).base();
    String root = "s3://" + bucket + "/";
    try (Storage objects = storage.open(root)) {
      // A bucket that is gone holds nothing to delete; listing it would fail the deletion forever.
      if (!(objects instanceof S3Storage s3) || s3.bucketExists()) {
        objects.deletePrefix(prefix);
      }
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot close the storage of " + root + ": " + e.getMessage(), e);
    }
    return root + prefix;
  }

  /** An empty or slashed part would widen the prefix to other runs' objects. */
  private static String part(String value, String what) {
    if (value == null || value.isBlank() || value.contains("/")) {
      throw new IllegalArgumentException("cannot delete the intermediates of a run with " + what + " '" + value + "'");
    }
    return value;
  }
}
