package io.chainblock.engine.storage;

import java.time.Duration;

/**
 * How an {@link S3Storage} moves bytes.
 *
 * @param partSize bytes buffered per part of a multipart upload; also the largest object sent as a
 *     single PUT. S3 refuses parts below 5 MiB (except the last).
 * @param uploadThreads parts uploaded at once, over all objects being written
 * @param retryBudget how long transient failures (refused connections, resets, timeouts, 5xx) of
 *     one operation are retried before it fails
 * @param connectTimeout per connection attempt
 * @param ioTimeout per read or write on an open connection
 */
public record S3Tuning(
    int partSize, int uploadThreads, Duration retryBudget, Duration connectTimeout, Duration ioTimeout) {

  public static final int MIN_PART_SIZE = 5 << 20;

  public S3Tuning {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("S3 part size must be at least 5 MiB: " + partSize);
    }
    if (uploadThreads < 1) {
      throw new IllegalArgumentException("upload threads must be at least 1: " + uploadThreads);
    }
    if (retryBudget.isNegative() || connectTimeout.isNegative() || ioTimeout.isNegative()) {
      throw new IllegalArgumentException("negative duration in " + this);
    }
  }

  public static S3Tuning defaults() {
    return new S3Tuning(8 << 20, 4, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(2));
  }

  public S3Tuning withPartSize(int bytes) {
    return new S3Tuning(bytes, uploadThreads, retryBudget, connectTimeout, ioTimeout);
  }

  public S3Tuning withUploadThreads(int threads) {
    return new S3Tuning(partSize, threads, retryBudget, connectTimeout, ioTimeout);
  }

  public S3Tuning withRetryBudget(Duration budget) {
    return new S3Tuning(partSize, uploadThreads, budget, connectTimeout, ioTimeout);
  }
}
