package io.chainblock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.MinioExtension;
import io.chainblock.engine.storage.MinioServer;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StorageUris;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code chainblock disk import} on a real MinIO: objects already in S3 become a Disk cut exactly as `disk put` cuts files. */
@ExtendWith(MinioExtension.class)
class DiskImportTest {
  @TempDir
  Path tmp;
  private MinioServer minio;
  private String bucket;

  @BeforeEach
  void setUp(MinioServer server) throws IOException {
    minio = server;
    bucket = "imp-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Storage storage = new S3Storage(minio.config(bucket, ""))) {
      storage.createBucketIfMissing();
    }
  }

  @Test
  void textObjectsAreCutAtLineEndsIntoTheChunksPutMakesOfTheSameFiles() throws IOException {
    Map<String, byte[]> objects = new LinkedHashMap<>();
    objects.put("a-first.txt", lines(250_000, 1));
    objects.put("b-second.txt", "no newline at the end".getBytes(StandardCharsets.UTF_8));
    objects.put("c/third.txt", lines(90_000, 2));
    upload("raw/", objects);
    upload("raw/", Map.of("_SUCCESS", new byte[0], ".hidden", "skip me".getBytes(StandardCharsets.UTF_8)));
    Path files = Files.createDirectories(tmp.resolve("files"));
    int n = 0;
    for (byte[] bytes : objects.values()) {
      Files.write(files.resolve("f" + n++), bytes);
    }

    CommandRun imported = DiskCli.run(minio.env(), "import", "corpus", "--from", "s3://" + bucket + "/raw",
        "--bucket", bucket, "--chunk-size", "64Ki");
    CommandRun put = DiskCli.run(minio.env(), "put", "same", files.toString(), "--bucket", bucket,
        "--chunk-size", "64Ki");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(put.exitCode()).as(put.err()).isZero();
    DiskManifest importedManifest = manifest("corpus");
    assertThat(importedManifest.chunks()).isEqualTo(manifest("same").chunks());
    assertThat(importedManifest.format()).isEqualTo("text");
    assertThat(importedManifest.bytes()).isEqualTo(250_000 + 21 + 90_000);
    assertThat(imported.out()).contains("disk corpus: " + importedManifest.chunks().size() + " chunks, 340021 bytes");
    assertThat(diskBytes("corpus")).isEqualTo(concat(objects));
    try (Storage disk = StorageUris.open(diskUri("corpus"), minio.env())) {
      for (DiskManifest.Entry chunk : importedManifest.chunks()) {
        byte[] bytes = read(disk, chunk.name());
        assertThat(bytes.length).isLessThanOrEqualTo(64 * 1024);
        boolean endsAnObject = chunk.offset() + chunk.bytes() == 250_000 || chunk.offset() + chunk.bytes() == 250_021
            || chunk.offset() + chunk.bytes() == 340_021;
        if (!endsAnObject) {
          assertThat(bytes[bytes.length - 1]).as(chunk.name() + " ends on a line").isEqualTo((byte) '\n');
        }
      }
    }
  }

  @Test
  void binaryObjectsAreCutIntoExactBlocks() throws IOException {
    byte[] data = new byte[100_000];
    new Random(5).nextBytes(data);
    upload("bin/", Map.of("blob", data));

    CommandRun imported = DiskCli.run(minio.env(), "import", "blob", "--from", "s3://" + bucket + "/bin/",
        "--bucket", bucket, "--format", "binary", "--chunk-size", "30000");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(manifest("blob").chunks()).extracting(DiskManifest.Entry::bytes)
        .containsExactly(30_000L, 30_000L, 30_000L, 10_000L);
    assertThat(manifest("blob").format()).isEqualTo("binary");
    assertThat(diskBytes("blob")).isEqualTo(data);
  }

  @Test
  void anEmptySourceOrAMissingBucketIsNamedAndNothingIsWritten() throws IOException {
    upload("elsewhere/", Map.of("x", "x\n".getBytes(StandardCharsets.UTF_8)));

    CommandRun empty = DiskCli.run(minio.env(), "import", "corpus", "--from", "s3://" + bucket + "/nothing-here/",
        "--bucket", bucket);
    CommandRun missing = DiskCli.run(minio.env(), "import", "corpus", "--from", "s3://no-such-" + bucket + "/raw/",
        "--bucket", bucket);

    assertThat(empty.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(empty.err()).contains("no objects under s3://" + bucket + "/nothing-here/");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(missing.err()).contains("bucket no-such-" + bucket, "does not exist at " + minio.endpoint());
    try (Storage disk = StorageUris.open(diskUri("corpus"), minio.env())) {
      assertThat(disk.list("")).isEmpty();
    }
  }

  private static byte[] lines(int bytes, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    while (text.length() < bytes) {
      text.append("line ").append(random.nextInt(1_000_000)).append(" ".repeat(random.nextInt(200))).append('\n');
    }
    text.setLength(bytes - 1);
    return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  private void upload(String prefix, Map<String, byte[]> objects) throws IOException {
    try (Storage storage = StorageUris.open("s3://" + bucket + "/" + prefix, minio.env())) {
      for (Map.Entry<String, byte[]> object : objects.entrySet()) {
        try (StorageOutput out = storage.create(object.getKey())) {
          out.write(object.getValue());
        }
      }
    }
  }

  private String diskUri(String disk) {
    return "s3://" + bucket + "/disks/default/" + disk + "/";
  }

  private DiskManifest manifest(String disk) throws IOException {
    try (Storage storage = StorageUris.open(diskUri(disk), minio.env())) {
      return DiskManifest.read(storage, "", disk);
    }
  }

  private byte[] diskBytes(String disk) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Storage storage = StorageUris.open(diskUri(disk), minio.env())) {
      for (DiskManifest.Entry chunk : DiskManifest.read(storage, "", disk).chunks()) {
        all.write(read(storage, chunk.name()));
      }
    }
    return all.toByteArray();
  }

  private static byte[] read(Storage storage, String path) throws IOException {
    try (InputStream in = storage.open(path)) {
      return in.readAllBytes();
    }
  }

  private static byte[] concat(Map<String, byte[]> objects) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    objects.values().forEach(all::writeBytes);
    return all.toByteArray();
  }
}
