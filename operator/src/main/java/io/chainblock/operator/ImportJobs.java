package io.chainblock.operator;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The Job that fills a Disk from {@code spec.source.objects}: one pod of the runtime image running
 * {@code chainblock disk import}, owned by the Disk, with the S3 Secret mounted as key files.
 */
final class ImportJobs {
  static final String DISK_LABEL = "chainblock.io/disk";
  static final String SECRET_MOUNT = "/var/run/secrets/chainblock/s3";
  private static final int MAX_JOB_NAME = 63;
  private static final String SUFFIX = "-import";

  private final KubernetesClient client;
  private final OperatorConfig config;

  ImportJobs(KubernetesClient client, OperatorConfig config) {
    this.client = client;
    this.config = config;
  }

  /** The Job's name: the Disk's, cut and hashed when the {@code job-name} label (63 characters) could not hold it. */
  static String name(Disk disk) {
    String name = disk.getMetadata().getName();
    if (name.length() + SUFFIX.length() <= MAX_JOB_NAME) {
      return name + SUFFIX;
    }
    String hash = sha256(name).substring(0, 8);
    String head = name.substring(0, MAX_JOB_NAME - SUFFIX.length() - hash.length() - 1).replaceAll("[-.]+$", "");
    return head + "-" + hash + SUFFIX;
  }

  /** The arguments of the runtime image's entrypoint, {@code chainblock}. */
  static List<String> args(Disk disk, DiskLocation into) {
    DiskSpec spec = disk.getSpec();
    String format = spec.format == DiskSpec.Format.BINARY ? "binary" : "text";
    String chunkSize = spec.chunkSize == null ? "64Mi" : spec.chunkSize.toString();
    return List.of("disk", "import", disk.getMetadata().getName(),
        "--from", sourceUri(spec.source.objects),
        "--at", into.uri(), "--format", format, "--chunk-size", chunkSize);
  }

  static String sourceUri(DiskSpec.ObjectSource from) {
    return "s3://" + from.bucket + "/" + DiskLocation.withSlash(from.prefix == null ? "" : from.prefix);
  }

  Job build(Disk disk, DiskLocation into) {
    String name = name(disk);
    return new JobBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(disk.getMetadata().getNamespace())
          .withLabels(Map.of(DISK_LABEL, disk.getMetadata().getName(), "app.kubernetes.io/managed-by", "chainblock"))
          .withOwnerReferences(new OwnerReferenceBuilder()
              .withApiVersion(disk.getApiVersion())
              .withKind(disk.getKind())
              .withName(disk.getMetadata().getName())
              .withUid(disk.getMetadata().getUid())
              .withController(true)
              .withBlockOwnerDeletion(true)
              .build())
        .endMetadata()
        .withNewSpec()
          .withBackoffLimit(2)
          .withNewTemplate()
            .withNewMetadata().withLabels(Map.of(DISK_LABEL, disk.getMetadata().getName())).endMetadata()
            .withNewSpec()
              .withRestartPolicy("Never")
              .addNewContainer()
                .withName("import")
                .withImage(config.runtimeImage())
                .withArgs(args(disk, into))
                .addNewEnv().withName("CHAINBLOCK_S3_ENDPOINT").withValue(config.s3Endpoint()).endEnv()
                .addNewEnv().withName("CHAINBLOCK_S3_ACCESS_KEY_FILE").withValue(SECRET_MOUNT + "/accessKey").endEnv()
                .addNewEnv().withName("CHAINBLOCK_S3_SECRET_KEY_FILE").withValue(SECRET_MOUNT + "/secretKey").endEnv()
                .addNewVolumeMount().withName("s3").withMountPath(SECRET_MOUNT).withReadOnly(true).endVolumeMount()
                // The CLI prints its error last, so a failed pod's log tail is the reason the Disk shows.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
              .endContainer()
              .addNewVolume().withName("s3").withNewSecret().withSecretName(config.s3Secret()).endSecret().endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  void create(Disk disk, DiskLocation into) {
    client.resource(build(disk, into)).create();
  }

  ImportJobState state(Disk disk) {
    String name = name(disk);
    Job job = client.batch().v1().jobs().inNamespace(disk.getMetadata().getNamespace()).withName(name).get();
    if (job == null) {
      return ImportJobState.absent(name);
    }
    if (job.getStatus() != null && job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0) {
      return new ImportJobState(ImportJobState.Phase.SUCCEEDED, name, null);
    }
    JobCondition failed = job.getStatus() == null ? null : job.getStatus().getConditions().stream()
        .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
    if (failed == null) {
      return new ImportJobState(ImportJobState.Phase.RUNNING, name, null);
    }
    String podError = lastPodError(disk.getMetadata().getNamespace(), name);
    String error = failed.getReason() + (failed.getMessage() == null ? "" : " (" + failed.getMessage() + ")")
        + (podError == null ? "" : ": " + podError);
    return new ImportJobState(ImportJobState.Phase.FAILED, name, error);
  }

  /** The termination message of the Job's most recently finished pod, if any. */
  private String lastPodError(String namespace, String job) {
    List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems();
    return pods.stream()
        .flatMap(pod -> pod.getStatus() == null ? Stream.empty() : pod.getStatus().getContainerStatuses().stream())
        .map(ContainerStatus::getState)
        .filter(Objects::nonNull)
        .map(state -> state.getTerminated())
        .filter(Objects::nonNull)
        .filter(terminated -> terminated.getMessage() != null && !terminated.getMessage().isBlank())
        .max(Comparator.comparing(ContainerStateTerminated::getFinishedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
        .map(terminated -> terminated.getMessage().strip())
        .orElse(null);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
