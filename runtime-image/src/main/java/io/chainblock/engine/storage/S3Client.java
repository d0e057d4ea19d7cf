package io.chainblock.engine.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.HttpUtils;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import io.minio.messages.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The S3 calls the storage makes, blocking, each retried and its failure translated: the one place
 * that knows the MinIO SDK. Keys here are full object keys, prefix included.
 */
final class S3Client implements AutoCloseable {
  private static final int DELETE_BATCH = 1000;

  private final S3Config config;
  private final S3Errors errors;
  private final S3Retry retry;
  private final OkHttpClient http;
  private final MinioAsyncClient minio;

  S3Client(S3Config config, S3Tuning tuning) {
    this.config = config;
    this.errors = new S3Errors(config);
    this.retry = new S3Retry(errors, tuning.retryBudget());
    // OkHttp queues asynchronous calls beyond 5 per host; parallel part uploads and readers of
    // many objects at once need more.
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    this.http = Tls.BASE.newBuilder()
        .connectTimeout(tuning.connectTimeout())
        .writeTimeout(tuning.ioTimeout())
        .readTimeout(tuning.ioTimeout())
        .connectionPool(new ConnectionPool())
        .dispatcher(dispatcher)
        .build();
    this.minio = MinioAsyncClient.builder()
        .endpoint(config.endpoint())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .httpClient(http)
        .build();
  }

  /**
   * The SDK's client setup, built once: it loads the trust store, and the certificates of
   * SSL_CERT_FILE when that is set (read a byte at a time), tens of milliseconds of CPU that the
   * operator paid on every Disk it looked at. Each client still has its own timeouts, dispatcher
   * and connection pool, so closing one leaves the others alone.
   */
  private static final class Tls {
    static final OkHttpClient BASE = HttpUtils.newDefaultHttpClient(0, 0, 0);
  }

  S3Config config() {
    return config;
  }

  S3Errors errors() {
    return errors;
  }

  boolean bucketExists() throws IOException {
    return retry.run(null, () -> minio.bucketExists(bucket()).get());
  }

  void makeBucket() throws IOException {
    retry.run(null, () -> {
      try {
        return minio.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build()).get();
      } catch (Exception e) {
        if (S3Errors.unwrap(e) instanceof ErrorResponseException r
            && r.errorResponse().code().startsWith("BucketAlready")) {
          return null;
        }
        throw e;
      }
    });
  }

  void put(String key, byte[] data, int length) throws IOException {
    retry.run(key, () -> minio.putObject(PutObjectArgs.builder()
            .bucket(config.bucket())
            .object(key)
            // A part size of at least the length keeps it one PUT.
            .stream(new ByteArrayInputStream(data, 0, length), length, Math.max(length, S3Tuning.MIN_PART_SIZE))
            .build())
        .get());
  }

  String createUpload(String key) throws IOException {
    return retry.run(key, () -> minio.createMultipartUploadAsync(config.bucket(), config.region(), key, null, null)
        .get()
        .result()
        .uploadId());
  }

  Part uploadPart(String key, String uploadId, int number, byte[] data, int length) throws IOException {
    return retry.run(key, () -> {
      var response = minio.uploadPartAsync(
              config.bucket(), config.region(), key, data, length, uploadId, number, null, null)
          .get();
      return new Part(number, response.etag());
    });
  }

  void completeUpload(String key, String uploadId, Part[] parts) throws IOException {
    retry.run(key, () -> minio.completeMultipartUploadAsync(
            config.bucket(), config.region(), key, uploadId, parts, null, null)
        .get());
  }

  void abortUpload(String key, String uploadId) throws IOException {
    retry.run(key, () -> {
      try {
        return minio.abortMultipartUploadAsync(config.bucket(), config.region(), key, uploadId, null, null).get();
      } catch (Exception e) {
        // An earlier try may have aborted it already before its answer was lost.
        if (S3Errors.unwrap(e) instanceof ErrorResponseException r && "NoSuchUpload".equals(r.errorResponse().code())) {
          return null;
        }
        throw e;
      }
    });
  }

  /**
   * @param etag when not null, the object must still be the one with this ETag (a resumed read)
   */
  /** @param length bytes wanted from {@code offset} on, or negative for the rest of the object */
  GetObjectResponse get(String key, long offset, long length, String etag) throws IOException {
    return retry.run(key, () -> {
      GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(config.bucket()).object(key);
      if (offset > 0 || length >= 0) {
        args.offset(offset);
      }
      if (length >= 0) {
        args.length(length);
      }
      if (etag != null) {
        args.matchETag(etag);
      }
      return minio.getObject(args.build()).get();
    });
  }

  boolean exists(String key) throws IOException {
    return retry.run(key, () -> {
      try {
        minio.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build()).get();
        return true;
      } catch (Exception e) {
        if (S3Errors.unwrap(e) instanceof ErrorResponseException r && "NoSuchKey".equals(r.errorResponse().code())) {
          return false;
        }
        throw e;
      }
    });
  }

  /** Every object whose key starts with {@code keyPrefix}, in the server's (key) order. */
  List<Item> list(String keyPrefix) throws IOException {
    return retry.run(null, () -> {
      List<Item> items = new ArrayList<>();
      ListObjectsArgs args = ListObjectsArgs.builder()
          .bucket(config.bucket())
          .prefix(keyPrefix)
          .recursive(true)
          .build();
      for (Result<Item> result : minio.listObjects(args)) {
        items.add(result.get());
      }
      return items;
    });
  }

  void remove(String key) throws IOException {
    retry.run(key, () -> minio.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build())
        .get());
  }

  void removeAll(List<String> keys) throws IOException {
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<DeleteObject> batch = new ArrayList<>();
      for (String key : keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH))) {
        batch.add(new DeleteObject(key));
      }
      List<String> failed = retry.run(null, () -> {
        List<String> errorsOfBatch = new ArrayList<>();
        for (Result<DeleteError> result :
            minio.removeObjects(RemoveObjectsArgs.builder().bucket(config.bucket()).objects(batch).build())) {
          DeleteError error = result.get();
          errorsOfBatch.add(error.objectName() + ": " + error.code() + " " + error.message());
        }
        return errorsOfBatch;
      });
      if (!failed.isEmpty()) {
        throw new IOException("could not delete " + failed.size() + " objects in s3://" + config.bucket()
            + " at " + config.endpoint() + ", e.g. " + failed.getFirst());
      }
    }
  }

  private BucketExistsArgs bucket() {
    return BucketExistsArgs.builder().bucket(config.bucket()).build();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    try {
      http.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
