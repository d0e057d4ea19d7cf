package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pipelines, Disks, and Jobs and pods moved along the way the Job controller and kubelet would. */
final class Fixtures {
  static final String UID = "3f2a9c1e-0000-4000-8000-00000000abcd";
  static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  static final OperatorConfig CONFIG = new OperatorConfig("chainblock/runtime:test", "http://minio.test:9000",
      "chainblock", "chainblock-s3", Set.of(), Duration.ofHours(1), 8080, false, "chainblock-system");
  private static final ObjectMapper YAML = new YAMLMapper();

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

  static Job complete(Job job, Instant at) {
    return new JobBuilder(job).withNewStatus()
        .withSucceeded(job.getSpec().getCompletions())
        .withCompletionTime(at.toString())
        .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True")
            .withLastTransitionTime(at.toString()).build())
        .endStatus().build();
  }

  static Job failed(Job job, String failedIndexes, int succeeded, Instant at) {
    return new JobBuilder(job).withNewStatus()
        .withSucceeded(succeeded)
        .withFailedIndexes(failedIndexes)
        .withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
            .withReason("MaxFailedIndexesExceeded").withLastTransitionTime(at.toString()).build())
        .endStatus().build();
  }

  /** A shard pod of {@code job} whose container ended with {@code exitCode} and {@code message}. */
  static Pod shardPod(Job job, int index, int attempt, int exitCode, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(job.getMetadata().getName() + "-" + index + "-" + attempt)
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
        .withAnnotations(Map.of(ShardReport.INDEX_ANNOTATION, String.valueOf(index),
            ShardReport.FAILURE_COUNT_ANNOTATION, String.valueOf(attempt),
            RunLabels.PIPELINE_NAME, job.getMetadata().getAnnotations().get(RunLabels.PIPELINE_NAME)))
        .endMetadata()
        .withNewStatus()
        .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addNewContainerStatus()
        .withName(ShardPodTemplate.CONTAINER)
        .withNewState().withNewTerminated().withExitCode(exitCode).withMessage(message).endTerminated().endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  static String counters(int index, long recordsIn, long recordsOut, long bytesIn, long bytesOut) {
    return "{\"shard\":\"b/" + index + " attempt 0\",\"phase\":\"Succeeded\",\"recordsIn\":" + recordsIn
        + ",\"recordsOut\":" + recordsOut + ",\"bytesIn\":" + bytesIn + ",\"bytesOut\":" + bytesOut
        + ",\"spills\":0,\"seconds\":1.5}";
  }
}
