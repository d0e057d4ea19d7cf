package io.chainblock.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The storage contract and the S3-only behaviour, against a real MinIO server. */
@ExtendWith(MinioExtension.class)
class S3StorageTest extends StorageContractTest {
  private static final String BUCKET = "contract";
  private static final int PART = S3Tuning.MIN_PART_SIZE;

  private MinioServer server;

  @BeforeEach
  void server(MinioServer server) throws IOException {
    this.server = server;
    try (S3Storage admin = new S3Storage(server.config(BUCKET, ""))) {
      admin.createBucketIfMissing();
    }
  }

  @Override
  protected Storage newStorage() {
    return s3(S3Tuning.defaults().withPartSize(PART));
  }

  private S3Storage s3(S3Tuning tuning) {
    return new S3Storage(server.config(BUCKET, "test-" + UUID.randomUUID() + "/"), tuning);
  }

  @Test
  void multipartObjectReadsBackIdentical() throws Exception {
    byte[] data = randomBytes(20 << 20, 3);
    try (StorageOutput out = storage().create("big")) {
      // Odd-sized writes cross part boundaries in the middle of a write.
      for (int off = 0; off < data.length; off += 777_777) {
        out.write(data, off, Math.min(777_777, data.length - off));
      }
      assertThat(out.written()).isEqualTo(data.length);
    }
    assertThat(read("big")).isEqualTo(data);
    assertThat(storage().list("")).containsExactly(new StoredObject("big", data.length));
  }

  @Test
  void objectOfExactlyOnePartIsOnePut() throws Exception {
    byte[] data = randomBytes(PART, 4);
    write("one-part", data);
    assertThat(read("one-part")).isEqualTo(data);
  }

  @Test
  void singleByteWritesAcrossParts() throws Exception {
    byte[] data = randomBytes(PART + 10, 5);
    try (StorageOutput out = storage().create("bytes")) {
      for (byte b : data) {
        out.write(b);
      }
    }
    assertThat(read("bytes")).isEqualTo(data);
  }

  @Test
  void abortedMultipartUploadLeavesNoObjectAndNoParts() throws Exception {
    long before = server.pendingMultipartUploads();
    StorageOutput out = storage().create("aborted");
    out.write(randomBytes(3 * PART + 5, 6));
    assertThat(server.pendingMultipartUploads()).isEqualTo(before + 1);
    out.abort();
    assertThat(storage().exists("aborted")).isFalse();
    assertThat(storage().list("")).isEmpty();
    assertThat(server.pendingMultipartUploads()).isEqualTo(before);
  }

  @Test
  void describeNamesBucketAndKey() throws Exception {
    S3Storage s3 = (S3Storage) storage();
    assertThat(s3.describe("a/b")).isEqualTo("s3://" + BUCKET + "/" + s3.config().prefix() + "a/b");
  }

  @Test
  void readersSkipAndReadSingleBytes() throws Exception {
    byte[] data = randomBytes(100_000, 7);
    write("skip", data);
    try (InputStream in = storage().open("skip")) {
      assertThat(in.read()).isEqualTo(data[0] & 0xff);
      in.skipNBytes(50_000);
      assertThat(in.read()).isEqualTo(data[50_001] & 0xff);
    }
  }

  @Test
  void wrongCredentialsAreReportedAsSuch() {
    S3Config good = server.config(BUCKET, "");
    S3Config bad = new S3Config(good.endpoint(), BUCKET, "", good.accessKey(), "not-the-secret", null);
    try (S3Storage s3 = new S3Storage(bad)) {
      assertIoFailure(s3::checkAccess,
          "access denied by " + good.endpoint() + " for bucket " + BUCKET,
          "check CHAINBLOCK_S3_ACCESS_KEY/SECRET_KEY");
      assertIoFailure(() -> s3.open("x"), "access denied by " + good.endpoint());
    }
  }

  @Test
  void missingBucketIsReportedWithTheFix() {
    try (S3Storage s3 = new S3Storage(server.config("no-such-bucket", ""))) {
      assertIoFailure(s3::checkAccess,
          "bucket no-such-bucket does not exist at " + server.endpoint(),
          "create it (e.g. chainblock disk put creates it) or fix CHAINBLOCK_S3_BUCKET");
      assertIoFailure(() -> s3.list(""), "bucket no-such-bucket does not exist");
      assertIoFailure(() -> write(s3, "x", new byte[10]), "bucket no-such-bucket does not exist");
    }
  }

  @Test
  void createBucketIfMissingCreatesItOnce() throws Exception {
    String bucket = "made-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Storage s3 = new S3Storage(server.config(bucket, ""))) {
      assertThat(s3.createBucketIfMissing()).isTrue();
      assertThat(s3.createBucketIfMissing()).isFalse();
      s3.checkAccess();
    }
  }

  @Test
  void unreachableEndpointFailsAfterTheRetryBudget() {
    S3Config good = server.config(BUCKET, "");
    S3Config nowhere = new S3Config("http://127.0.0.1:1", BUCKET, "", good.accessKey(), good.secretKey(), null);
    long start = System.nanoTime();
    try (S3Storage s3 = new S3Storage(nowhere, S3Tuning.defaults().withRetryBudget(Duration.ofSeconds(2)))) {
      assertIoFailure(s3::checkAccess,
          "cannot reach S3 endpoint http://127.0.0.1:1: connection refused: is MinIO running? check CHAINBLOCK_S3_ENDPOINT");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
  }

  @Test
  void unknownHostFailsAtOnce() {
    S3Config good = server.config(BUCKET, "");
    S3Config unknown = new S3Config("http://no-such-host.invalid:9000", BUCKET, "", good.accessKey(), good.secretKey(), null);
    try (S3Storage s3 = new S3Storage(unknown)) {
      assertIoFailure(s3::checkAccess,
          "cannot reach S3 endpoint http://no-such-host.invalid:9000: unknown host", "check CHAINBLOCK_S3_ENDPOINT");
    }
  }

  private static void write(Storage storage, String path, byte[] data) throws IOException {
    try (StorageOutput out = storage.create(path)) {
      out.write(data);
    }
  }
}
