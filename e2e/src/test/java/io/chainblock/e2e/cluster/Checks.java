package io.chainblock.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/** What every run on the cluster must show, whatever the pipeline. */
final class Checks {
  private Checks() {}

  /** The cluster's output parts are the local runner's, name for name and byte for byte. */
  static void sameParts(Map<String, byte[]> cluster, Map<String, byte[]> local) {
    assertThat(cluster.keySet()).as("output parts on the cluster vs the local runner's").containsExactlyElementsOf(local.keySet());
    for (var part : local.entrySet()) {
      byte[] ours = cluster.get(part.getKey());
      int mismatch = Arrays.mismatch(ours, part.getValue());
      assertThat(mismatch).as("part %s: %d bytes on the cluster, %d from the local runner, first difference at byte %d",
          part.getKey(), ours.length, part.getValue().length, mismatch).isEqualTo(-1);
    }
  }

  static Condition condition(ChainPipeline pipeline, String type) {
    return pipeline.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + pipeline.getStatus().conditions));
  }

  static int shards(BlockSpec block) {
    return block.shards == null ? 1 : block.shards;
  }

  /** The Job name the operator gives a block: pipeline, block and the first characters of the pipeline's uid. */
  static String jobName(ChainPipeline pipeline, String block) {
    return pipeline.getMetadata().getName() + "-" + block + "-" + pipeline.getMetadata().getUid().substring(0, 5);
  }

  /**
   * A succeeded pipeline's status, once its counters are complete ({@link ClusterNamespace#awaitCounted}):
   * every block and shard done, the conditions, and each block's counters equal to the local
   * runner's for the same input.
   */
  static void succeededLikeLocal(ChainPipeline pipeline, LocalRun local) {
    ChainPipelineStatus status = pipeline.getStatus();
    int blocks = pipeline.getSpec().blocks.size();
    int shards = pipeline.getSpec().blocks.stream().mapToInt(Checks::shards).sum();
    assertThat(status.phase).isEqualTo(ChainPipelineStatus.Phase.Succeeded);
    assertThat(status.blocksDone).isEqualTo(blocks + "/" + blocks);
    assertThat(status.shardsDone).isEqualTo(shards + "/" + shards);
    assertThat(status.observedGeneration).isEqualTo(pipeline.getMetadata().getGeneration());
    assertThat(Instant.parse(status.startTime)).isBeforeOrEqualTo(Instant.parse(status.completionTime));
    assertThat(condition(pipeline, "Valid").getStatus()).isEqualTo("True");
    assertThat(condition(pipeline, "Succeeded").getStatus()).isEqualTo("True");
    assertThat(condition(pipeline, "Failed").getStatus()).isEqualTo("False");
    assertThat(status.blocks).extracting(b -> b.name)
        .containsExactlyElementsOf(pipeline.getSpec().blocks.stream().map(b -> b.name).toList());
    for (BlockSpec spec : pipeline.getSpec().blocks) {
      BlockStatus block = status.blocks.stream().filter(b -> b.name.equals(spec.name)).findFirst().orElseThrow();
      JsonNode reference = local.block(spec.name);
      assertThat(block.phase).as("block %s", spec.name).isEqualTo(BlockStatus.Phase.Succeeded);
      assertThat(block.shards).as("block %s shards", spec.name).isEqualTo(shards(spec));
      assertThat(block.succeeded).as("block %s succeeded", spec.name).isEqualTo(shards(spec));
      assertThat(block.failed).as("block %s failed", spec.name).isZero();
      assertThat(block.counted).as("block %s shards counted", spec.name).isEqualTo(shards(spec));
      assertThat(block.job).as("block %s job", spec.name).isEqualTo(jobName(pipeline, spec.name));
      assertThat(Instant.parse(block.startTime)).as("block %s start", spec.name)
          .isBeforeOrEqualTo(Instant.parse(block.completionTime));
      assertThat(new long[] {block.recordsIn, block.recordsOut, block.bytesIn, block.bytesOut})
          .as("block %s records in, out, bytes in, out vs the local runner's", spec.name)
          .containsExactly(reference.path("recordsIn").asLong(), reference.path("recordsOut").asLong(),
              reference.path("bytesIn").asLong(), reference.path("bytesOut").asLong());
    }
  }
}
