package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.engine.exec.ShardExit;
import io.chainblock.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;

/** The indexed Job of one block: one completion per shard, each index retried on its own. */
public final class BlockJobs {
  public static final int DEFAULT_RETRIES = 2;

  private BlockJobs() {}

  /** @param parallelism shards at once, from the current spec (the one thing that may change during a run) */
  public static Job build(ChainPipeline pipeline, BlockSpec block, int parallelism, String image, OperatorConfig config) {
    int shards = block.shards == null ? 1 : block.shards;
    return new JobBuilder()
        .withNewMetadata()
        .withName(ResourceNames.job(pipeline.getMetadata().getName(), block.name, pipeline.getMetadata().getUid()))
        .withNamespace(pipeline.getMetadata().getNamespace())
        .withLabels(RunLabels.of(pipeline, block.name))
        .withAnnotations(RunLabels.annotations(pipeline))
        .withOwnerReferences(Ownership.of(pipeline))
        .endMetadata()
        .withNewSpec()
        .withCompletionMode("Indexed")
        .withCompletions(shards)
        .withParallelism(parallelism)
        .withBackoffLimitPerIndex(block.retries == null ? DEFAULT_RETRIES : block.retries)
        // one shard failing for good fails the block; the others need not run on
        .withMaxFailedIndexes(0)
        .withNewPodFailurePolicy()
        .withRules(failIndexOnUserError(), ignoreDisruptions())
        .endPodFailurePolicy()
        .withTemplate(ShardPodTemplate.build(pipeline, block, image, config))
        .endSpec()
        .build();
  }

  /** The block's code or input is wrong: a retry would fail the same way. */
  private static PodFailurePolicyRule failIndexOnUserError() {
    return new PodFailurePolicyRuleBuilder()
        .withAction("FailIndex")
        .withNewOnExitCodes()
        .withContainerName(ShardPodTemplate.CONTAINER)
        .withOperator("In")
        .withValues(ShardExit.USER_ERROR)
        .endOnExitCodes()
        .build();
  }

  /** A pod evicted or preempted did nothing wrong: retry it without spending a retry. */
  private static PodFailurePolicyRule ignoreDisruptions() {
    return new PodFailurePolicyRuleBuilder()
        .withAction("Ignore")
        .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
        .build();
  }
}
