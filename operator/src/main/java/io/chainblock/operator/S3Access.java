package io.chainblock.operator;

import io.chainblock.engine.storage.S3Config;
import io.chainblock.engine.storage.S3Location;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.S3Tuning;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The operator's way into S3: the endpoint and the credentials (mounted from the Secret as
 * {@code CHAINBLOCK_S3_ACCESS_KEY_FILE} and {@code CHAINBLOCK_S3_SECRET_KEY_FILE}), opened at any
 * bucket and prefix.
 */
public final class S3Access {
  /** A reconcile thread must not wait out the shard pods' 30 s retry budget on one S3 call. */
  private static final Duration RETRY_BUDGET = Duration.ofSeconds(5);

  private final S3Config server;

  public S3Access(S3Config server) {
    this.server = server;
  }

  public static S3Access fromEnvironment(Map<String, String> env) throws IOException {
    return new S3Access(S3Config.fromEnvironment(env));
  }

  public String endpoint() {
    return server.endpoint();
  }

  /** Storage rooted at {@code s3://bucket/prefix}; close it after use. */
  public S3Storage open(String bucket, String prefix) {
    return new S3Storage(server.at(new S3Location(bucket, prefix)), S3Tuning.defaults().withRetryBudget(RETRY_BUDGET));
  }
}
