package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.engine.storage.MinioExtension;
import io.chainblock.engine.storage.MinioServer;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StoredObject;
import io.chainblock.operator.pipeline.StorageOpener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deleting one run's intermediates on a real MinIO: exactly that run's prefix goes. */
@ExtendWith(MinioExtension.class)
class IntermediatesCleanerTest {
  private static final List<String> OTHERS = List.of(
      "runs/team-a/wordcount/run-10/split/count/0/0-0",
      "runs/team-a/wordcount/run-2/split/_manifests/0-0.json",
      "runs/team-a/wordcount-2/run-1/split/count/0/0-0",
      "runs/team-b/wordcount/run-1/split/count/0/0-0",
      "disks/team-a/wordcount-result/part-00000",
      "disks/team-a/wordcount-result/_manifest.json");

  private MinioServer minio;
  private String bucket;

  @BeforeEach
  void setUp(MinioServer server) throws IOException {
    minio = server;
    bucket = "runs-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Storage storage = storage()) {
      storage.createBucketIfMissing();
      for (String path : OTHERS) {
        write(storage, path);
      }
      write(storage, "runs/team-a/wordcount/run-1/split/count/0/0-0");
      write(storage, "runs/team-a/wordcount/run-1/split/count/1/0-1");
      write(storage, "runs/team-a/wordcount/run-1/split/_manifests/0-1.json");
    }
  }

  @Test
  void deletingARunLeavesOtherRunsPipelinesNamespacesAndTheOutputDisk() throws IOException {
    String uri = new IntermediatesCleaner(StorageOpener.s3(minio.env()), bucket)
        .deleteRun("team-a", "wordcount", "run-1");

    assertThat(uri).isEqualTo("s3://" + bucket + "/runs/team-a/wordcount/run-1/");
    try (S3Storage storage = storage()) {
      assertThat(storage.list("")).extracting(StoredObject::path).containsExactlyInAnyOrderElementsOf(OTHERS);
    }
  }

  @Test
  void aBlankOrSlashedPartIsRefusedBeforeAnythingIsDeleted() throws IOException {
    IntermediatesCleaner cleaner = new IntermediatesCleaner(StorageOpener.s3(minio.env()), bucket);

    assertThatThrownBy(() -> cleaner.deleteRun("team-a", "wordcount", "")).hasMessageContaining("uid ''");
    assertThatThrownBy(() -> cleaner.deleteRun("team-a", "wordcount/run-1", "x")).hasMessageContaining("pipeline");
    try (S3Storage storage = storage()) {
      assertThat(storage.list("")).hasSize(OTHERS.size() + 3);
    }
  }

  private S3Storage storage() {
    return new S3Storage(minio.config(bucket, ""));
  }

  private static void write(S3Storage storage, String path) throws IOException {
    try (StorageOutput out = storage.create(path)) {
      out.write(path.getBytes(StandardCharsets.UTF_8));
    }
  }
}
