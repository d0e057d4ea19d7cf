package io.chainblock.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A MinIO server of this class's own, stopped and started again while the storage works. */
class S3RetryTest {
  private static MinioServer server;

  @BeforeAll
  static void start() throws IOException {
    server = MinioServer.start();
    try (S3Storage admin = new S3Storage(server.config("retry", ""))) {
      admin.createBucketIfMissing();
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void operationsWaitForARestartedServer() throws Exception {
    try (S3Storage s3 = new S3Storage(server.config("retry", "restart/"), S3Tuning.defaults())) {
      byte[] data = bytes(100_000, 1);
      write(s3, "before", data);

      server.stop();
      CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
        sleep(Duration.ofMillis(1500));
        server.startAgain();
      });
      assertThat(read(s3, "before")).isEqualTo(data);
      write(s3, "during", data);
      restart.join();

      assertThat(s3.list("").stream().map(StoredObject::path)).containsExactly("before", "during");
    }
  }

  @Test
  void aReadCutByARestartResumesWhereItStopped() throws Exception {
    try (S3Storage s3 = new S3Storage(server.config("retry", "resume/"), S3Tuning.defaults())) {
      byte[] data = bytes(48 << 20, 2);
      write(s3, "large", data);
      byte[] got = new byte[data.length];
      try (InputStream in = s3.open("large")) {
        int head = in.readNBytes(got, 0, 1 << 20);
        server.stop();
        server.startAgain();
        int rest = in.readNBytes(got, head, data.length - head);
        assertThat(head + rest).isEqualTo(data.length);
      }
      assertThat(Arrays.equals(got, data)).isTrue();
    }
  }

  @Test
  void aStoppedServerFailsTheOperationAfterTheBudget() throws Exception {
    S3Config config = server.config("retry", "stopped/");
    server.stop();
    try (S3Storage s3 = new S3Storage(config, S3Tuning.defaults().withRetryBudget(Duration.ofSeconds(2)))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> s3.exists("x"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot reach S3 endpoint " + config.endpoint() + ": connection refused")
          .hasMessageContaining("gave up after");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
    } finally {
      server.startAgain();
    }
  }

  private static void write(Storage storage, String path, byte[] data) throws IOException {
    try (StorageOutput out = storage.create(path)) {
      out.write(data);
    }
  }

  private static byte[] read(Storage storage, String path) throws IOException {
    try (InputStream in = storage.open(path)) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
