package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Pipelines, Disks, and Jobs and pods moved along the way the Job controller and kubelet would. */
final class Fixtures {
  static final String UID = "3f2a9c1e-0000-4000-8000-00000000abcd";
  static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  static final OperatorConfig CONFIG = new OperatorConfig("chainblock/runtime:test", "http://minio.test:9000",
      "chainblock", "chainblock-s3", Set.of(), Duration.ofHours(1), 8080, false, "chainblock-system");
  private static final ObjectMapper YAML = new YAMLMapper();
  /** The Job controller's messages of its conditions' reasons. */
  private static final Map<String, String> JOB_MESSAGES = Map.of(
      "CompletionsReached", "Reached expected number of succeeded pods",
      "MaxFailedIndexesExceeded", "Job has exceeded the specified maximal number of failed indexes");

  /** Two sources (words from a Disk, stop words from another) and a join reading both. */
  static final String JOIN = """
      apiVersion: chainblock.io/v1alpha1
      kind: ChainPipeline
      metadata: {name: wordjoin, namespace: team}
      spec:
        blocks:
          - name: words
            shards: 4
            parallelism: 2
            source: {disk: corpus}
            function: {builtin: tokenize}
            resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {memory: 1Gi}}
            nodeSelector: {pool: batch}
            tolerations: [{key: batch, operator: Exists, effect: NoSchedule}]
          - name: stops
            shards: 1
            source: {disk: stopwords}
            function: {builtin: lines}
          - name: join
            shards: 2
            retries: 5
            inputs: [words, stops]
            function: {builtin: concat}
        output: {disk: joined, format: tsv}
      """;

  private Fixtures() {}

  static ChainPipeline pipeline(String yaml) {
    try {
      ChainPipeline pipeline = YAML.readValue(yaml, ChainPipeline.class);
      pipeline.getMetadata().setUid(UID);
      pipeline.getMetadata().setGeneration(1L);
      if (pipeline.getMetadata().getNamespace() == null) {
        pipeline.getMetadata().setNamespace("team");
      }
      return pipeline;
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Disk disk(String name) {
    Disk disk = new Disk();
    disk.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").build());
    disk.setSpec(new DiskSpec());
    return disk;
  }

  static List<Disk> joinDisks() {
    return List.of(disk("corpus"), disk("stopwords"));
  }

  /** A Job as the API server returns it once created. */
  static Job created(Job job, Instant at) {
    return new JobBuilder(job).editMetadata().withCreationTimestamp(at.toString()).endMetadata().build();
  }

  static Job running(Job job, int succeeded) {
    return new JobBuilder(job).withNewStatus().withSucceeded(succeeded).withActive(1).endStatus().build();
  }

  // What follows is the status the Job controller of Kubernetes 1.34 writes, step by step: the API
  // server refuses a finished Job without a start time, Complete without SuccessCriteriaMet and a
  // completion time, Failed without FailureTarget, and a finished Job with pods still active.

  /** The Job controller has created the pods of the first {@code parallelism} indexes. */
  static Job started(Job job, Instant at) {
    int parallelism = Math.min(job.getSpec().getParallelism(), job.getSpec().getCompletions());
    return withStatus(job, status -> status.withStartTime(at.toString()).withActive(parallelism));
  }

  /** Every index succeeded; the Job completes once its pods are gone. */
  static Job successCriteriaMet(Job job, Instant at) {
    int completions = job.getSpec().getCompletions();
    return withStatus(job, status -> condition(status.withActive(0).withSucceeded(completions)
        .withCompletedIndexes(indexes(completions)), "SuccessCriteriaMet", "CompletionsReached", at));
  }

  static Job complete(Job job, Instant at) {
    return withStatus(successCriteriaMet(job, at), status -> condition(status.withCompletionTime(at.toString()),
        "Complete", "CompletionsReached", at));
  }

  /** Indexes failed for good, more than maxFailedIndexes allows; the Job fails once its pods are gone. */
  static Job failureTarget(Job job, String failedIndexes, int succeeded, Instant at) {
    return withStatus(job, status -> condition(status.withActive(0).withSucceeded(succeeded)
        .withFailed(IndexRanges.count(failedIndexes)).withFailedIndexes(failedIndexes),
        "FailureTarget", "MaxFailedIndexesExceeded", at));
  }

  static Job failed(Job job, String failedIndexes, int succeeded, Instant at) {
    return withStatus(failureTarget(job, failedIndexes, succeeded, at), status -> condition(status,
        "Failed", "MaxFailedIndexesExceeded", at));
  }

  private static Job withStatus(Job job, UnaryOperator<JobStatusBuilder> change) {
    JobStatusBuilder status = new JobStatusBuilder(job.getStatus() == null ? new JobStatus() : job.getStatus())
        .withReady(0).withTerminating(0)
        .withNewUncountedTerminatedPods().endUncountedTerminatedPods();
    if (status.getStartTime() == null) {
      String created = job.getMetadata().getCreationTimestamp();
      status.withStartTime(created != null ? created : T0.toString());
    }
    return new JobBuilder(job).withStatus(change.apply(status).build()).build();
  }

  private static JobStatusBuilder condition(JobStatusBuilder status, String type, String reason, Instant at) {
    if (status.hasMatchingCondition(c -> type.equals(c.getType()))) {
      return status;
    }
    return status.addToConditions(new JobConditionBuilder().withType(type).withStatus("True").withReason(reason)
        .withMessage(JOB_MESSAGES.get(reason)).withLastProbeTime(at.toString()).withLastTransitionTime(at.toString())
        .build());
  }

  /** Indexes 0 to {@code count - 1} as the Job controller lists them: "0", "0,1", "0-3". */
  private static String indexes(int count) {
    return count == 1 ? "0" : count == 2 ? "0,1" : "0-" + (count - 1);
  }

  /** A shard pod of {@code job} whose container ended with {@code exitCode} and {@code message}. */
  static Pod shardPod(Job job, int index, int attempt, int exitCode, String message) {
    return shardEnded(shardPod(job, index, attempt), exitCode, message, T0);
  }

  /** A shard pod of {@code job} as the Job controller creates it, before a kubelet reports on it. */
  static Pod shardPod(Job job, int index, int attempt) {
    PodTemplateSpec template = job.getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata()
        .withName(job.getMetadata().getName() + "-" + index + "-" + attempt)
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .addToLabels(ShardReport.INDEX_ANNOTATION, String.valueOf(index))
        .withAnnotations(template.getMetadata().getAnnotations())
        .addToAnnotations(ShardReport.INDEX_ANNOTATION, String.valueOf(index))
        .addToAnnotations(ShardReport.FAILURE_COUNT_ANNOTATION, String.valueOf(attempt))
        .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).endOwnerReference()
        .endMetadata()
        .withSpec(new PodSpecBuilder(template.getSpec()).withHostname(job.getMetadata().getName() + "-" + index)
            .build())
        .build();
  }

  /** The pod's shard container runs, as its kubelet reports it. */
  static Pod shardRunning(Pod pod, Instant at) {
    return new PodBuilder(pod).withNewStatus()
        .withPhase("Running")
        .withStartTime(at.toString())
        .addNewContainerStatus()
        .withName(ShardPodTemplate.CONTAINER).withImage(image(pod)).withImageID("").withReady(true).withStarted(true)
        .withRestartCount(0)
        .withNewState().withNewRunning().withStartedAt(at.toString()).endRunning().endState()
        .endContainerStatus()
        .endStatus().build();
  }

  /** The pod's shard container ended with {@code exitCode} and wrote {@code message}, as its kubelet reports it. */
  static Pod shardEnded(Pod pod, int exitCode, String message, Instant at) {
    String started = pod.getStatus() != null && pod.getStatus().getStartTime() != null ? pod.getStatus().getStartTime()
        : at.toString();
    return new PodBuilder(pod).withNewStatus()
        .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .withStartTime(started)
        .addNewContainerStatus()
        .withName(ShardPodTemplate.CONTAINER).withImage(image(pod)).withImageID("").withReady(false).withStarted(false)
        .withRestartCount(0)
        .withNewState().withNewTerminated()
        .withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message)
        .withStartedAt(started).withFinishedAt(at.toString())
        .endTerminated().endState()
        .endContainerStatus()
        .endStatus().build();
  }

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().getFirst().getImage();
  }

  static String counters(int index, long recordsIn, long recordsOut, long bytesIn, long bytesOut) {
    return "{\"shard\":\"b/" + index + " attempt 0\",\"phase\":\"Succeeded\",\"recordsIn\":" + recordsIn
        + ",\"recordsOut\":" + recordsOut + ",\"bytesIn\":" + bytesIn + ",\"bytesOut\":" + bytesOut
        + ",\"spills\":0,\"seconds\":1.5}";
  }
}
