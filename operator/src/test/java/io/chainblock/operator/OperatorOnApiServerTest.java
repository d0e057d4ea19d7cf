package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.api.v1alpha1.DiskStatus;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.MinioExtension;
import io.chainblock.engine.storage.MinioServer;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StoredObject;
import io.chainblock.operator.pipeline.ChainPipelineReconciler;
import io.chainblock.operator.pipeline.StorageOpener;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator as OperatorMain assembles it, against a real kube-apiserver and a real MinIO:
 * leader election, readiness, Disk status written through the API server, the pipeline finalizer
 * and the metrics endpoint.
 */
@ExtendWith({RealApiServer.class, MinioExtension.class})
class OperatorOnApiServerTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private KubernetesClient client;
  private MinioServer minio;
  private String namespace;
  private String bucket;
  private OperatorMetrics metrics;
  private Operator operator;
  private OperatorHttpServer http;

  @BeforeEach
  void start(KubernetesClient client, MinioServer minio) throws IOException {
    this.client = client;
    this.minio = minio;
    String id = UUID.randomUUID().toString().substring(0, 8);
    namespace = "lifecycle-" + id;
    bucket = "op-" + id;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    try (S3Storage storage = new S3Storage(minio.config(bucket, ""))) {
      storage.createBucketIfMissing();
    }
    OperatorConfig config = new OperatorConfig("registry.local/chainblock/runtime:test", minio.endpoint(), bucket,
        "chainblock-s3", Set.of(namespace), Duration.ofHours(1), 0, true, namespace);
    S3Access s3 = new S3Access(minio.config(bucket, ""));
    metrics = new OperatorMetrics();
    StorageOpener storage = StorageOpener.s3(minio.env());
    ChainPipelineReconciler pipelines = new ChainPipelineReconciler(config, storage, new MetricsListener(metrics),
        PipelineLifecycle.of(client, storage, config, metrics), Clock.systemUTC());
    operator = ChainblockOperator.create(config, client, metrics,
        List.of(pipelines, new DiskReconciler(client, s3, config, Clock.systemUTC())), false);
    http = OperatorHttpServer.start(0, metrics, new OperatorReadiness(operator.getRuntimeInfo()));
  }

  @AfterEach
  void stop() {
    operator.stop();
    http.close();
  }

  @Test
  void theOperatorLeadsThroughALeaseBecomesReadyAndFillsDiskStatus() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    writeDisk("disks/" + namespace + "/corpus/", "one two\n", "three\n");

    operator.start();
    Disk corpus = create(disk("corpus"));

    await("the operator is ready", () -> get("/readyz").statusCode() == 200);
    Lease lease = client.leases().inNamespace(namespace).withName(ChainblockOperator.LEASE_NAME).get();
    assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
    await("Disk corpus is Ready", () -> phase("corpus") == DiskStatus.Phase.Ready);
    Disk ready = client.resources(Disk.class).inNamespace(namespace).withName(corpus.getMetadata().getName()).get();
    assertThat(ready.getStatus().chunks).isEqualTo(2);
    assertThat(ready.getStatus().bytes).isEqualTo(14);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").body()).contains("chainblock_reconcile_seconds_count{controller=\"disk\",outcome=\"success\"}");
  }

  @Test
  void deletingAPipelineRemovesItsIntermediatesAndKeepsDisks() throws Exception {
    writeDisk("disks/" + namespace + "/corpus/", "one two\n");
    operator.start();
    create(disk("corpus"));
    ChainPipeline pipeline = create(Serialization.unmarshal("""
        apiVersion: chainblock.io/v1alpha1
        kind: ChainPipeline
        metadata: {name: wordcount}
        spec:
          blocks:
            - {name: split, shards: 2, source: {disk: corpus}, function: {builtin: tokenize}}
            - {name: count, shards: 1, inputs: [split], function: {builtin: sum}}
          output: {disk: counts, format: tsv}
        """, ChainPipeline.class));
    String uid = pipeline.getMetadata().getUid();
    String run = "runs/" + namespace + "/wordcount/" + uid + "/split/count/0/0-0";
    String otherRun = "runs/" + namespace + "/wordcount/an-earlier-uid/split/count/0/0-0";
    String output = "disks/" + namespace + "/counts/part-00000";
    try (S3Storage storage = new S3Storage(minio.config(bucket, ""))) {
      for (String path : List.of(run, otherRun, output)) {
        write(storage, path, path);
      }
    }
    await("the pipeline's first Job exists", () -> !client.batch().v1().jobs().inNamespace(namespace).list()
        .getItems().isEmpty());
    await("the pipeline has a finalizer", () -> !pipelineNamed("wordcount").getMetadata().getFinalizers().isEmpty());
    // a reconcile is timed when it returns, which may be after the Job it created is visible
    await("the metrics show the running pipeline and its timed reconciles", () -> {
      String metrics = get("/metrics").body();
      return metrics.contains("chainblock_pipelines{phase=\"Running\"} 1")
          && metrics.contains("chainblock_reconcile_seconds_count{controller=\"chainpipeline\",outcome=\"success\"}");
    });

    client.resource(pipelineNamed("wordcount")).delete();

    await("the pipeline is gone", () -> pipelineNamed("wordcount") == null);
    try (S3Storage storage = new S3Storage(minio.config(bucket, ""))) {
      assertThat(storage.list("")).extracting(StoredObject::path)
          .containsExactlyInAnyOrder(otherRun, output, "disks/" + namespace + "/corpus/_manifest.json",
              "disks/" + namespace + "/corpus/part-0");
    }
    assertThat(client.batch().v1().jobs().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(get("/metrics").body()).contains("chainblock_pipelines{phase=\"Running\"} 0");
  }

  private Disk disk(String name) {
    Disk disk = new Disk();
    disk.setMetadata(new ObjectMetaBuilder().withName(name).build());
    disk.setSpec(new DiskSpec());
    return disk;
  }

  private <T extends HasMetadata> T create(T resource) {
    resource.getMetadata().setNamespace(namespace);
    return client.resource(resource).create();
  }

  private ChainPipeline pipelineNamed(String name) {
    return client.resources(ChainPipeline.class).inNamespace(namespace).withName(name).get();
  }

  private DiskStatus.Phase phase(String disk) {
    Disk seen = client.resources(Disk.class).inNamespace(namespace).withName(disk).get();
    return seen == null || seen.getStatus() == null ? null : seen.getStatus().phase;
  }

  private void writeDisk(String prefix, String... chunks) throws IOException {
    try (S3Storage storage = new S3Storage(minio.config(bucket, prefix))) {
      for (int i = 0; i < chunks.length; i++) {
        write(storage, "part-" + i, chunks[i]);
      }
      DiskManifest.of(storage, "", "corpus", DiskFormat.TEXT).write(storage, "");
    }
  }

  private static void write(S3Storage storage, String path, String text) throws IOException {
    try (StorageOutput out = storage.create(path)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.http.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Waits for what the operator does asynchronously; the deadline only bounds a broken run. */
  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }
}
