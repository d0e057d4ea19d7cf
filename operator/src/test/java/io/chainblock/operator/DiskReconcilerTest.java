package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.api.v1alpha1.DiskStatus;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.MinioExtension;
import io.chainblock.engine.storage.MinioServer;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Disk reconciler against a real MinIO and a Kubernetes API (Fabric8's mock server, in CRUD mode). */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(MinioExtension.class)
class DiskReconcilerTest {
  private static final String NS = "team-a";

  KubernetesClient client;
  private MinioServer minio;
  private String bucket;
  private DiskReconciler reconciler;

  @BeforeEach
  void setUp(MinioServer server) throws IOException {
    minio = server;
    bucket = "disks-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Storage storage = new S3Storage(minio.config(bucket, ""))) {
      storage.createBucketIfMissing();
    }
    OperatorConfig config = new OperatorConfig("registry.local/chainblock/runtime:test", minio.endpoint(), bucket,
        "chainblock-s3", Set.of(), Duration.ofHours(1), 0, false, "chainblock-system");
    reconciler = new DiskReconciler(client, new S3Access(minio.config(bucket, "")), config,
        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
  }

  @Test
  void aDiskWithAManifestIsReadyWithItsChunksAndBytes() throws IOException {
    put(bucket, "disks/" + NS + "/corpus/", "alpha\n", "beta\ngamma\n", "delta\n");

    UpdateControl<Disk> control = reconciler.reconcile(create("corpus", new DiskSpec()), null);

    DiskStatus status = status(control);
    assertThat(status.phase).isEqualTo(DiskStatus.Phase.Ready);
    assertThat(status.chunks).isEqualTo(3);
    assertThat(status.bytes).isEqualTo(6 + 11 + 6);
    assertThat(ready(status).getStatus()).isEqualTo("True");
    assertThat(ready(status).getMessage()).isEqualTo("3 chunks, 23 bytes at s3://" + bucket + "/disks/team-a/corpus/");
    assertThat(ready(status).getLastTransitionTime()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(control.getScheduleDelay()).contains(DiskPlanner.WHILE_READY.toMillis());
  }

  @Test
  void aDiskAtItsOwnBucketAndPrefixIsReadFromThere() throws IOException {
    String other = bucket + "-own";
    try (S3Storage storage = new S3Storage(minio.config(other, ""))) {
      storage.createBucketIfMissing();
    }
    put(other, "mbox/", "one\n", "two\n");
    DiskSpec spec = new DiskSpec();
    spec.bucket = other;
    spec.prefix = "mbox";

    DiskStatus status = status(reconciler.reconcile(create("mail", spec), null));

    assertThat(status.phase).isEqualTo(DiskStatus.Phase.Ready);
    assertThat(status.chunks).isEqualTo(2);
    assertThat(ready(status).getMessage()).contains("s3://" + other + "/mbox/");
  }

  @Test
  void aDiskWithoutAManifestIsPendingAndSaysHowToFillIt() {
    UpdateControl<Disk> control = reconciler.reconcile(create("corpus", new DiskSpec()), null);

    DiskStatus status = status(control);
    assertThat(status.phase).isEqualTo(DiskStatus.Phase.Pending);
    assertThat(status.chunks).isNull();
    assertThat(ready(status).getStatus()).isEqualTo("False");
    assertThat(ready(status).getReason()).isEqualTo("NoManifest");
    assertThat(ready(status).getMessage()).contains(
        "no manifest at s3://" + bucket + "/disks/team-a/corpus/_manifest.json",
        "chainblock disk put corpus FILE... -n team-a --bucket " + bucket,
        "output of a pipeline (spec.output.disk: corpus)");
    assertThat(control.getScheduleDelay()).contains(DiskPlanner.WHILE_WAITING.toMillis());
  }

  @Test
  void aMissingBucketIsNamedWithTheEndpoint() {
    DiskSpec spec = new DiskSpec();
    spec.bucket = "no-such-bucket-" + bucket;

    DiskStatus status = status(reconciler.reconcile(create("corpus", spec), null));

    assertThat(status.phase).isEqualTo(DiskStatus.Phase.Pending);
    assertThat(ready(status).getReason()).isEqualTo("BucketNotFound");
    assertThat(ready(status).getMessage()).contains("bucket no-such-bucket-" + bucket + " does not exist at "
        + minio.endpoint(), "spec.bucket");
  }

  @Test
  void anUnchangedStatusIsNotWrittenAgainButStillRechecked() {
    Disk disk = create("corpus", new DiskSpec());
    disk.setStatus(status(reconciler.reconcile(disk, null)));

    UpdateControl<Disk> again = reconciler.reconcile(disk, null);

    assertThat(again.isNoUpdate()).isTrue();
    assertThat(again.getScheduleDelay()).contains(DiskPlanner.WHILE_WAITING.toMillis());
  }

  @Test
  void aSourceStartsAnImportJobOnTheRuntimeImageWhoseArgumentsFillTheDisk() throws Exception {
    putIn(bucket, "raw/mbox/", "From a\nline\n", "From b\nmore\n");
    Disk disk = create("mail", importing("raw/mbox/"));

    DiskStatus filling = status(reconciler.reconcile(disk, null));

    Job job = client.batch().v1().jobs().inNamespace(NS).withName("mail-import").get();
    assertThat(job).isNotNull();
    assertThat(job.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(disk.getMetadata().getUid()));
    var container = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo("registry.local/chainblock/runtime:test");
    assertThat(container.getCommand()).isEmpty();
    assertThat(container.getArgs()).containsExactly("disk", "import", "mail", "--from", "s3://" + bucket + "/raw/mbox/",
        "--at", "s3://" + bucket + "/disks/team-a/mail/", "--format", "text", "--chunk-size", "1Ki");
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).singleElement()
        .satisfies(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("chainblock-s3"));
    assertThat(filling.phase).isEqualTo(DiskStatus.Phase.Filling);
    assertThat(ready(filling).getReason()).isEqualTo("Importing");
    disk.setStatus(filling);
    assertThat(reconciler.reconcile(disk, null).isNoUpdate()).as("a running Job is waited for").isTrue();

    assertThat(runRuntimeImage(container.getArgs())).isZero();
    DiskStatus ready = status(reconciler.reconcile(disk, null));

    assertThat(ready.phase).isEqualTo(DiskStatus.Phase.Ready);
    assertThat(ready.bytes).isEqualTo(24);
    assertThat(ready.chunks).isEqualTo(2);
  }

  @Test
  void aFailedImportJobFailsTheDiskWithThePodsError() {
    putIn(bucket, "raw/", "x\n");
    Disk disk = create("mail", importing("raw/"));
    reconciler.reconcile(disk, null);
    Job job = client.batch().v1().jobs().inNamespace(NS).withName("mail-import").get();
    job.setStatus(new JobStatusBuilder().withFailed(3).withConditions(new JobConditionBuilder()
        .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
        .withMessage("Job has reached the specified backoff limit").build()).build());
    client.resource(job).updateStatus();
    client.resource(new PodBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("mail-import-x1").withNamespace(NS)
            .withLabels(Map.of("job-name", "mail-import")).build())
        .withNewStatus().addNewContainerStatus().withName("import").withNewState().withNewTerminated()
            .withExitCode(4).withMessage("chainblock disk import: the line starting at byte 0 is longer than the Disk's chunkSize\n")
            .withFinishedAt("2026-01-02T03:00:00Z").endTerminated().endState().endContainerStatus().endStatus()
        .build()).create();

    DiskStatus status = status(reconciler.reconcile(disk, null));

    assertThat(status.phase).isEqualTo(DiskStatus.Phase.Failed);
    assertThat(ready(status).getReason()).isEqualTo("ImportFailed");
    assertThat(ready(status).getMessage()).contains("import Job mail-import failed: BackoffLimitExceeded",
        "longer than the Disk's chunkSize", "kubectl logs job/mail-import -n team-a");
  }

  @Test
  void anEmptySourceStartsNoJobAndSaysWhereItLooked() {
    putIn(bucket, "raw/other/", "x\n");

    DiskStatus status = status(reconciler.reconcile(create("mail", importing("raw/mbox/")), null));

    assertThat(status.phase).isEqualTo(DiskStatus.Phase.Pending);
    assertThat(ready(status).getReason()).isEqualTo("EmptySource");
    assertThat(ready(status).getMessage()).contains("no objects under s3://" + bucket + "/raw/mbox/ at " + minio.endpoint());
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  private DiskSpec importing(String prefix) {
    DiskSpec spec = new DiskSpec();
    spec.chunkSize = new Quantity("1Ki");
    spec.source = new DiskSpec.DiskSource();
    spec.source.objects = new DiskSpec.ObjectSource();
    spec.source.objects.bucket = bucket;
    spec.source.objects.prefix = prefix;
    return spec;
  }

  private Disk create(String name, DiskSpec spec) {
    Disk disk = new Disk();
    disk.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withGeneration(1L).build());
    disk.setSpec(spec);
    return client.resource(disk).create();
  }

  /** A Disk as `chainblock disk put` leaves it: chunks and a manifest. */
  private void put(String inBucket, String prefix, String... chunks) throws IOException {
    try (S3Storage storage = new S3Storage(minio.config(inBucket, prefix))) {
      write(storage, chunks);
      DiskManifest.of(storage, "", "disk", DiskFormat.TEXT).write(storage, "");
    }
  }

  private void putIn(String inBucket, String prefix, String... objects) {
    try (S3Storage storage = new S3Storage(minio.config(inBucket, prefix))) {
      write(storage, objects);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(S3Storage storage, String... objects) throws IOException {
    for (int i = 0; i < objects.length; i++) {
      try (StorageOutput out = storage.create("part-" + i)) {
        out.write(objects[i].getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Runs the runtime image's entrypoint, the chainblock CLI, as the import pod would. */
  private int runRuntimeImage(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.chainblock.cli.Main"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(minio.env());
    Process process = builder.start();
    return process.waitFor(2, TimeUnit.MINUTES) ? process.exitValue() : -1;
  }

  private static DiskStatus status(UpdateControl<Disk> control) {
    return control.getResource().orElseThrow().getStatus();
  }

  private static Condition ready(DiskStatus status) {
    return status.conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
  }
}
