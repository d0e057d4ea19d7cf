package io.chainblock.engine.storage;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Turns what the MinIO SDK and OkHttp throw into IOExceptions that say what went wrong and how to
 * fix it, and tells the transient failures (worth retrying) from the rest.
 */
final class S3Errors {
  private static final Set<String> ACCESS_DENIED =
      Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken",
          "ExpiredToken", "AllAccessDisabled");
  private static final Set<String> TRANSIENT_CODES =
      Set.of("SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout",
          "XMinioServerNotInitialized", "OperationTimedOut");

  private final S3Config config;

  S3Errors(S3Config config) {
    this.config = config;
  }

  boolean isTransient(Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof ErrorResponseException response) {
      return TRANSIENT_CODES.contains(response.errorResponse().code()) || response.response().code() >= 500;
    }
    if (e instanceof ServerException server) {
      return server.statusCode() >= 500;
    }
    if (find(e, UnknownHostException.class) != null || find(e, SSLException.class) != null) {
      return false;
    }
    // Everything else OkHttp throws is the connection failing: refused, reset, timed out, cut short.
    return find(e, IOException.class) != null && !(e instanceof NoSuchFileException);
  }

  /**
   * @param key the object concerned, or null for bucket-wide operations
   * @param tries how often the operation was tried, for the message
   */
  IOException translate(Throwable failure, String key, int tries, long millis) {
    Throwable e = unwrap(failure);
    String after = tries > 1 ? " (gave up after " + tries + " tries in " + millis + " ms)" : "";
    if (e instanceof ErrorResponseException response) {
      String code = response.errorResponse().code();
      if ("NoSuchKey".equals(code) && key != null) {
        return new NoSuchFileException(describe(key));
      }
      if ("NoSuchBucket".equals(code)) {
        return new IOException(missingBucket(), e);
      }
      if (ACCESS_DENIED.contains(code)) {
        return new IOException("access denied by " + config.endpoint() + " for bucket " + config.bucket()
            + ": check " + S3Config.ACCESS_KEY + "/SECRET_KEY (" + code + ": "
            + response.errorResponse().message() + ")", e);
      }
      return new IOException(subject(key) + " failed: " + code + ": "
          + response.errorResponse().message() + after, e);
    }
    if (e instanceof InvalidResponseException) {
      return new IOException(config.endpoint() + " did not answer like an S3 server (" + e.getMessage()
          + "): check " + S3Config.ENDPOINT, e);
    }
    if (e instanceof ServerException server) {
      return new IOException(subject(key) + " failed: HTTP " + server.statusCode() + after, e);
    }
    IOException reach = unreachable(e, after);
    if (reach != null) {
      return reach;
    }
    if (e instanceof IOException io) {
      return new IOException(subject(key) + " failed: " + io + after, io);
    }
    return new IOException(subject(key) + " failed: " + e + after, e);
  }

  String missingBucket() {
    return "bucket " + config.bucket() + " does not exist at " + config.endpoint()
        + ": create it (e.g. chainblock disk put creates it) or fix " + S3Config.BUCKET;
  }

  String describe(String key) {
    return "s3://" + config.bucket() + "/" + key;
  }

  private IOException unreachable(Throwable e, String after) {
    String cannot = "cannot reach S3 endpoint " + config.endpoint() + ": ";
    String check = "check " + S3Config.ENDPOINT;
    UnknownHostException unknown = find(e, UnknownHostException.class);
    if (unknown != null) {
      return new IOException(cannot + "unknown host " + unknown.getMessage() + ": " + check, e);
    }
    if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
      return new IOException(cannot + "connection refused: is MinIO running? " + check + after, e);
    }
    if (find(e, SocketTimeoutException.class) != null) {
      return new IOException(cannot + "timed out: is MinIO running and reachable? " + check + after, e);
    }
    if (find(e, SSLException.class) != null) {
      return new IOException(cannot + "TLS failed (" + find(e, SSLException.class).getMessage()
          + "): http:// or https://? " + check, e);
    }
    return null;
  }

  private String subject(String key) {
    return "S3 request for " + (key == null ? "bucket " + config.bucket() : describe(key))
        + " at " + config.endpoint();
  }

  static Throwable unwrap(Throwable failure) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof RuntimeException && e.getCause() != null && !(e instanceof IllegalArgumentException)) {
      Throwable cause = unwrap(e.getCause());
      if (cause instanceof IOException || cause instanceof io.minio.errors.MinioException) {
        return cause;
      }
    }
    return e;
  }

  /** Interrupts are not failures of S3 and are never retried. */
  static boolean isInterrupt(Throwable failure) {
    Throwable e = unwrap(failure);
    return e instanceof InterruptedException
        || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
            && Thread.currentThread().isInterrupted());
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
