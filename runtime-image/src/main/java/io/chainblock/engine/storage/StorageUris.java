package io.chainblock.engine.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Opens the storage a URI names: {@code s3://BUCKET/PREFIX/} on the S3 endpoint and credentials
 * of the {@code CHAINBLOCK_S3_*} variables, or a local directory ({@code file:} URI or path).
 */
public final class StorageUris {
  /** How long one S3 operation keeps retrying transient errors, in seconds (default 30). */
  public static final String RETRY_SECONDS = "CHAINBLOCK_S3_RETRY_SECONDS";

  private StorageUris() {}

  public static boolean isLocal(String uri) {
    return !uri.startsWith("s3://");
  }

  public static Path localPath(String uri) {
    return uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
  }

  public static Storage open(String uri) throws IOException {
    return open(uri, System.getenv());
  }

  /** @param env the {@code CHAINBLOCK_S3_*} settings (the process environment, or it with overrides) */
  public static Storage open(String uri, Map<String, String> env) throws IOException {
    if (isLocal(uri)) {
      return new LocalStorage(localPath(uri));
    }
    try {
      S3Tuning tuning = S3Tuning.defaults();
      String retrySeconds = env.get(RETRY_SECONDS);
      if (retrySeconds != null && !retrySeconds.isBlank()) {
        tuning = tuning.withRetryBudget(Duration.ofSeconds(Long.parseLong(retrySeconds.trim())));
      }
      return new S3Storage(S3Config.fromEnvironment(env).at(S3Config.parseUri(uri)), tuning);
    } catch (IllegalArgumentException e) {
      throw new IOException(uri + ": " + e.getMessage(), e);
    }
  }
}
