package io.chainblock.engine.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one S3 operation, retrying transient failures with exponential backoff until a time budget
 * is spent, so that a MinIO restart or a dropped connection costs a pause instead of a shard.
 * Client errors (4xx) fail at once: trying again cannot fix them.
 */
final class S3Retry {
  private static final long FIRST_PAUSE_MILLIS = 100;
  private static final long LONGEST_PAUSE_MILLIS = 2_000;

  /** One try of the operation. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws Exception;
  }

  private final S3Errors errors;
  private final long budgetMillis;

  S3Retry(S3Errors errors, Duration budget) {
    this.errors = errors;
    this.budgetMillis = budget.toMillis();
  }

  /** @param key the object concerned, for messages; null for bucket-wide operations */
  <T> T run(String key, Attempt<T> attempt) throws IOException {
    long start = System.nanoTime();
    long pause = FIRST_PAUSE_MILLIS;
    for (int tries = 1; ; tries++) {
      try {
        return attempt.run();
      } catch (Exception e) {
        if (S3Errors.isInterrupt(e)) {
          Thread.currentThread().interrupt();
          throw interrupted(e);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (!errors.isTransient(e) || elapsed >= budgetMillis) {
          throw errors.translate(e, key, tries, elapsed);
        }
        // Jitter keeps shards that lost the server together from all coming back in the same instant;
        // the last pause is cut short so that the last try falls at the end of the budget.
        long sleep = Math.min(pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1), budgetMillis - elapsed);
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException interrupt) {
          Thread.currentThread().interrupt();
          throw interrupted(interrupt);
        }
        pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
      }
    }
  }

  private static InterruptedIOException interrupted(Exception cause) {
    InterruptedIOException e = new InterruptedIOException("interrupted while talking to S3");
    e.initCause(cause);
    return e;
  }
}
