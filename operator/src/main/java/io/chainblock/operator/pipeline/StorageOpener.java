package io.chainblock.operator.pipeline;

import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageUris;
import java.io.IOException;
import java.util.Map;

/** Opens the storage at a URI ({@code s3://BUCKET/PREFIX/}); the operator writes output manifests through it. */
@FunctionalInterface
public interface StorageOpener {
  Storage open(String uri) throws IOException;

  /** S3 with the endpoint and keys of {@code CHAINBLOCK_S3_*} variables, as the shard pods get them. */
  static StorageOpener s3(Map<String, String> env) {
    return uri -> StorageUris.open(uri, env);
  }
}
