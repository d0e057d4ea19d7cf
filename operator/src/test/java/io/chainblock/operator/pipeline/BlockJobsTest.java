package io.chainblock.operator.pipeline;

import static io.chainblock.operator.pipeline.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import org.junit.jupiter.api.Test;

/** The Job and pod a block runs as, as planned for the first reconcile of the join pipeline. */
class BlockJobsTest {
  private final InMemoryRun run = new InMemoryRun(Fixtures.pipeline(Fixtures.JOIN), Fixtures.joinDisks());
  private final Job words;

  BlockJobsTest() {
    run.reconcile(T0);
    words = run.job("words");
  }

  @Test
  void anIndexedJobWithOneCompletionPerShardRetriedPerIndex() {
    JobSpec spec = words.getSpec();
    assertThat(spec.getCompletionMode()).isEqualTo("Indexed");
    assertThat(spec.getCompletions()).isEqualTo(4);
    assertThat(spec.getParallelism()).isEqualTo(2);
    assertThat(spec.getBackoffLimitPerIndex()).isEqualTo(BlockJobs.DEFAULT_RETRIES);
    assertThat(spec.getMaxFailedIndexes()).isZero();
    assertThat(spec.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void aUserErrorFailsTheIndexAtOnceAndDisruptionsAreNotCounted() {
    assertThat(words.getSpec().getPodFailurePolicy().getRules()).satisfiesExactly(
        (PodFailurePolicyRule rule) -> {
          assertThat(rule.getAction()).isEqualTo("FailIndex");
          assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo("shard");
          assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
          assertThat(rule.getOnExitCodes().getValues()).containsExactly(65);
        },
        rule -> {
          assertThat(rule.getAction()).isEqualTo("Ignore");
          assertThat(rule.getOnPodConditions()).singleElement()
              .satisfies(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
        });
  }

  @Test
  void ownedByThePipelineAndLabelledWithPipelineBlockAndRun() {
    assertThat(words.getMetadata().getName()).isEqualTo("wordjoin-words-3f2a9");
    assertThat(words.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getKind()).isEqualTo("ChainPipeline");
      assertThat(owner.getName()).isEqualTo("wordjoin");
      assertThat(owner.getUid()).isEqualTo(Fixtures.UID);
      assertThat(owner.getController()).isTrue();
    });
    assertThat(words.getMetadata().getLabels()).containsEntry(RunLabels.PIPELINE, "wordjoin")
        .containsEntry(RunLabels.BLOCK, "words").containsEntry(RunLabels.RUN, Fixtures.UID);
    assertThat(words.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(words.getMetadata().getLabels());
  }

  @Test
  void theShardRunsAsNonRootOnAReadOnlyRootWithScratchSpace() {
    PodSpec pod = words.getSpec().getTemplate().getSpec();
    Container shard = pod.getContainers().get(0);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(shard.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(shard.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(shard.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(shard.getVolumeMounts()).extracting(VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .contains(tuple("/scratch", false), tuple("/tmp", false));
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("scratch"))
        .singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
  }

  @Test
  void theShardRunsItsBlockFromThePlanMountedFromTheRunsConfigMap() {
    PodSpec pod = words.getSpec().getTemplate().getSpec();
    Container shard = pod.getContainers().get(0);
    assertThat(shard.getImage()).isEqualTo("chainblock/runtime:test");
    assertThat(shard.getArgs()).containsExactly("shard", "--plan", "/etc/chainblock/plan.json", "--block", "words",
        "--scratch", "/scratch");
    assertThat(shard.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("plan")).singleElement()
        .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo(run.plan.getMetadata().getName()));
    assertThat(shard.getVolumeMounts()).filteredOn(m -> m.getName().equals("plan")).singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/chainblock"));
  }

  @Test
  void storageSettingsComeFromTheOperatorAndKeysAsFilesFromItsSecret() {
    PodSpec pod = words.getSpec().getTemplate().getSpec();
    Container shard = pod.getContainers().get(0);
    assertThat(shard.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
        tuple("CHAINBLOCK_S3_ENDPOINT", "http://minio.test:9000"),
        tuple("CHAINBLOCK_S3_BUCKET", "chainblock"),
        tuple("CHAINBLOCK_S3_ACCESS_KEY_FILE", "/var/run/secrets/chainblock/s3/accessKey"),
        tuple("CHAINBLOCK_S3_SECRET_KEY_FILE", "/var/run/secrets/chainblock/s3/secretKey"));
    assertThat(shard.getEnv()).filteredOn(e -> e.getName().equals("CHAINBLOCK_ATTEMPT")).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
            .isEqualTo("metadata.annotations['batch.kubernetes.io/job-index-failure-count']"));
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("s3-keys")).singleElement()
        .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("chainblock-s3"));
  }

  @Test
  void resourcesSchedulingAndRetriesComeFromTheBlockSpec() {
    PodSpec pod = words.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getResources().getRequests())
        .containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("1Gi"));
    assertThat(pod.getNodeSelector()).containsEntry("pool", "batch");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("batch"));
    run.update("words", job -> Fixtures.complete(job, T0));
    run.update("stops", job -> Fixtures.complete(job, T0));
    run.reconcile(T0.plusSeconds(1));
    assertThat(run.job("join").getSpec().getBackoffLimitPerIndex()).isEqualTo(5);
    assertThat(run.job("join").getSpec().getParallelism()).isEqualTo(2);
  }

  @Test
  void jobNamesAreDnsLabelsOfAtMost63CharactersForAnyPipelineName() {
    String name = ResourceNames.job("a".repeat(200) + ".v2", "b".repeat(40), Fixtures.UID);
    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
        .endsWith("-" + "b".repeat(40) + "-3f2a9");
    assertThat(ResourceNames.job("my.pipeline", "count", Fixtures.UID)).isEqualTo("my-pipeline-count-3f2a9");
  }
}
