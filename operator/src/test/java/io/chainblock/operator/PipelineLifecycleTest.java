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
import io.chainblock.operator.pipeline.RunLabels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A pipeline's intermediates through its life, on a real MinIO and a Kubernetes API (Fabric8's mock server). */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(MinioExtension.class)
class PipelineLifecycleTest {
  private static final String NS = "team-a";
  private static final Instant NOW = Instant.parse("2026-01-02T12:00:00Z");
  private static final String RUN = "runs/team-a/wordcount/uid-1/split/count/0/0-0";
  private static final String OUTPUT = "disks/team-a/wordcount-result/part-00000";

  KubernetesClient client;
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
    lifecycle = new PipelineLifecycle(new IntermediatesCleaner(StorageOpener.s3(minio.env()), bucket),
        new RunStopper(client), metrics, Duration.ofHours(1));
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
    PipelineLifecycle keeping = new PipelineLifecycle(
        new IntermediatesCleaner(StorageOpener.s3(minio.env()), bucket), new RunStopper(client), metrics,
        Duration.ZERO);

    assertThat(lifecycle.afterReconcile(pipeline(), failed, NOW)).isNull();
    assertThat(keeping.afterReconcile(pipeline(),
        finished(ChainPipelineStatus.Phase.Succeeded, NOW.minus(Duration.ofDays(3))), NOW)).isNull();
    assertThat(objects()).containsExactlyInAnyOrder(RUN, OUTPUT);
  }

  @Test
  void deletionWaitsForRunningShardsThenRemovesTheRunAndKeepsTheOutputDisk() throws IOException {
    ChainPipeline pipeline = pipeline();
    lifecycle.afterReconcile(pipeline, finished(ChainPipelineStatus.Phase.Running, null), NOW);
    client.resource(new JobBuilder().withNewMetadata().withName("wordcount-split").withNamespace(NS)
        .withLabels(Map.of(RunLabels.RUN, "uid-1")).endMetadata().build()).create();
    client.resource(new JobBuilder().withNewMetadata().withName("other-split").withNamespace(NS)
        .withLabels(Map.of(RunLabels.RUN, "uid-2")).endMetadata().build()).create();
    Pod shard = client.resource(new PodBuilder().withNewMetadata().withName("wordcount-split-0").withNamespace(NS)
        .withLabels(Map.of(RunLabels.RUN, "uid-1")).endMetadata().withNewStatus().withPhase("Running").endStatus()
        .build()).create();
    assertThat(metrics.scrape()).contains("chainblock_pipelines{phase=\"Running\"} 1");

    DeleteControl whileRunning = lifecycle.cleanup(pipeline);

    assertThat(whileRunning.isRemoveFinalizer()).isFalse();
    assertThat(whileRunning.getScheduleDelay()).contains(PipelineLifecycle.RETRY.toMillis());
    assertThat(objects()).containsExactlyInAnyOrder(RUN, OUTPUT);
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems())
        .extracting(job -> job.getMetadata().getName()).containsExactly("other-split");

    shard.getStatus().setPhase("Failed");
    client.resource(shard).updateStatus();
    DeleteControl stopped = lifecycle.cleanup(pipeline);

    assertThat(stopped.isRemoveFinalizer()).isTrue();
    assertThat(objects()).containsExactly(OUTPUT);
    assertThat(metrics.scrape()).contains("chainblock_pipelines{phase=\"Running\"} 0");
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
