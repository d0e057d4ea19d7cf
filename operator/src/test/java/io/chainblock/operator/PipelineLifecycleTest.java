package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.engine.storage.MinioExtension;
import io.chainblock.engine.storage.MinioServer;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StoredObject;
import io.chainblock.operator.pipeline.StorageOpener;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A finished pipeline's intermediates on a real MinIO, kept or removed by the TTL. What happens when
 * a pipeline is deleted is tested through the operator on a real API server
 * ({@code ReconcilerOnApiServerTest}, {@code OperatorOnApiServerTest}).
 */
@ExtendWith(MinioExtension.class)
class PipelineLifecycleTest {
  private static final String NS = "team-a";
  private static final Instant NOW = Instant.parse("2026-01-02T12:00:00Z");
  private static final String RUN = "runs/team-a/wordcount/uid-1/split/count/0/0-0";
  private static final String OUTPUT = "disks/team-a/wordcount-result/part-00000";

  private MinioServer minio;
  private String bucket;
  private OperatorMetrics metrics;
  private PipelineLifecycle lifecycle;

  @BeforeEach
  void setUp(MinioServer server) throws IOException {
    minio = server;
    bucket = "life-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Storage storage = storage()) {
      storage.createBucketIfMissing();
      write(storage, RUN);
      write(storage, OUTPUT);
    }
    metrics = new OperatorMetrics();
    lifecycle = lifecycle(Duration.ofHours(1));
  }

  @Test
  void aSucceededPipelineKeepsItsIntermediatesUntilTheTtlThenRecordsTheirRemoval() throws IOException {
    ChainPipeline pipeline = pipeline();
    ChainPipelineStatus status = finished(ChainPipelineStatus.Phase.Succeeded, NOW.minus(Duration.ofMinutes(10)));

    Duration wait = lifecycle.afterReconcile(pipeline, status, NOW);

    assertThat(wait).isEqualTo(Duration.ofMinutes(50));
    assertThat(objects()).containsExactlyInAnyOrder(RUN, OUTPUT);
    assertThat(status.conditions).extracting(Condition::getType).doesNotContain("IntermediatesRemoved");

    Duration after = lifecycle.afterReconcile(pipeline, status, NOW.plus(Duration.ofMinutes(50)));

    assertThat(after).isNull();
    assertThat(objects()).containsExactly(OUTPUT);
    Condition removed = status.conditions.stream().filter(c -> c.getType().equals("IntermediatesRemoved"))
        .findFirst().orElseThrow();
    assertThat(removed.getStatus()).isEqualTo("True");
    assertThat(removed.getReason()).isEqualTo("TtlExpired");
    assertThat(removed.getMessage()).isEqualTo("the intermediate objects at s3://" + bucket
        + "/runs/team-a/wordcount/uid-1/ were removed 1h after the pipeline succeeded; the output Disk stays");
    assertThat(lifecycle.afterReconcile(pipeline, status, NOW.plus(Duration.ofHours(5)))).as("nothing left to expire").isNull();
  }

  @Test
  void aFailedPipelineKeepsItsIntermediatesAndAZeroTtlKeepsThemToo() throws IOException {
    ChainPipelineStatus failed = finished(ChainPipelineStatus.Phase.Failed, NOW.minus(Duration.ofDays(3)));
    PipelineLifecycle keeping = lifecycle(Duration.ZERO);

    assertThat(lifecycle.afterReconcile(pipeline(), failed, NOW)).isNull();
    assertThat(keeping.afterReconcile(pipeline(),
        finished(ChainPipelineStatus.Phase.Succeeded, NOW.minus(Duration.ofDays(3))), NOW)).isNull();
    assertThat(objects()).containsExactlyInAnyOrder(RUN, OUTPUT);
  }

  /** Without a RunStopper: only a deletion stops a run's shards, and these tests delete no pipeline. */
  private PipelineLifecycle lifecycle(Duration ttl) {
    return new PipelineLifecycle(new IntermediatesCleaner(StorageOpener.s3(minio.env()), bucket), null, metrics, ttl);
  }

  private static ChainPipeline pipeline() {
    ChainPipeline pipeline = new ChainPipeline();
    pipeline.setMetadata(new ObjectMetaBuilder().withName("wordcount").withNamespace(NS).withUid("uid-1")
        .withGeneration(1L).build());
    return pipeline;
  }

  private static ChainPipelineStatus finished(ChainPipelineStatus.Phase phase, Instant at) {
    ChainPipelineStatus status = new ChainPipelineStatus();
    status.phase = phase;
    status.completionTime = at == null ? null : at.toString();
    status.conditions = List.of();
    return status;
  }

  private List<String> objects() throws IOException {
    try (S3Storage storage = storage()) {
      return storage.list("").stream().map(StoredObject::path).toList();
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
