package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paces the status writes that only move a block's counters (shards succeeded, records and bytes,
 * and the shards counted in them, which a finished block may still complete): at most one per
 * {@link #INTERVAL} and pipeline, as the Job controller batches the pod updates it counts. Every
 * shard that ends and every Job status change would otherwise be a whole-status write, and a
 * reconcile busy writing one holds up the next block's start behind it. Any other change (a phase,
 * a condition, a block starting) is written at once, counters included.
 */
final class ProgressWrites {
  static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<ResourceID, Instant> lastWrite = new ConcurrentHashMap<>();

  /** How long to hold the write of {@code next} back; zero to write it now. */
  Duration holdBack(ResourceID pipeline, ChainPipelineStatus current, ChainPipelineStatus next, Instant now) {
    Instant last = lastWrite.get(pipeline);
    if (last == null || current == null || !onlyProgress(current, next)) {
      return Duration.ZERO;
    }
    Duration wait = INTERVAL.minus(Duration.between(last, now));
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  void written(ResourceID pipeline, Instant at) {
    lastWrite.put(pipeline, at);
  }

  void forget(ResourceID pipeline) {
    lastWrite.remove(pipeline);
  }

  static boolean onlyProgress(ChainPipelineStatus current, ChainPipelineStatus next) {
    if (current.blocks.size() != next.blocks.size()) {
      return false;
    }
    ChainPipelineStatus masked = JSON.convertValue(next, ChainPipelineStatus.class);
    masked.shardsDone = current.shardsDone;
    for (int i = 0; i < masked.blocks.size(); i++) {
      BlockStatus block = masked.blocks.get(i);
      BlockStatus was = current.blocks.get(i);
      block.succeeded = was.succeeded;
      block.counted = was.counted;
      block.recordsIn = was.recordsIn;
      block.recordsOut = was.recordsOut;
      block.bytesIn = was.bytesIn;
      block.bytesOut = was.bytesOut;
    }
    return JSON.valueToTree(masked).equals(JSON.valueToTree(current));
  }
}
