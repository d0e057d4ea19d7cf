package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.engine.plan.RunPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events a status change tells: a block that started, succeeded or failed, a pipeline that
 * ended. Derived from the previous and the new status, so a reconcile that changes nothing tells nothing.
 */
final class StatusEvents {
  private StatusEvents() {}

  static List<PipelineEvent> between(ChainPipelineStatus previous, ChainPipelineStatus next,
      Map<String, BlockState> blocks, RunPlan plan) {
    List<PipelineEvent> events = new ArrayList<>();
    for (BlockState block : blocks.values()) {
      BlockStatus now = block.status();
      BlockStatus.Phase before = previous.blocks.stream().filter(b -> now.name.equals(b.name))
          .map(b -> b.phase).findFirst().orElse(BlockStatus.Phase.Pending);
      if (now.phase == before) {
        continue;
      }
      switch (now.phase) {
        case Running -> events.add(new PipelineEvent(PipelineEvent.Reason.BlockStarted, now.name,
            "block '" + now.name + "' started: Job " + now.job + ", " + now.shards + " shards",
            sinceInputs(block, blocks, plan)));
        case Succeeded -> events.add(new PipelineEvent(PipelineEvent.Reason.BlockSucceeded, now.name,
            succeeded(now), between(block.startedAt(), block.finishedAt())));
        case Failed -> events.add(new PipelineEvent(PipelineEvent.Reason.BlockFailed, now.name, now.message,
            between(block.startedAt(), block.finishedAt())));
        default -> { }
      }
    }
    events.addAll(countersIncomplete(previous.blocks, next.blocks));
    if (next.phase != previous.phase && next.completionTime != null) {
      Duration ran = between(Instant.parse(next.startTime), Instant.parse(next.completionTime));
      if (next.phase == ChainPipelineStatus.Phase.Succeeded) {
        events.add(new PipelineEvent(PipelineEvent.Reason.PipelineSucceeded, null,
            "all " + blocks.size() + " blocks succeeded (" + next.shardsDone + " shards)", ran));
      } else if (next.phase == ChainPipelineStatus.Phase.Failed) {
        String cause = blocks.values().stream().filter(b -> b.phase() == BlockStatus.Phase.Failed)
            .map(b -> b.status().message).filter(Objects::nonNull).findFirst().orElse("a block failed");
        events.add(new PipelineEvent(PipelineEvent.Reason.PipelineFailed, null, cause, ran));
      }
    }
    return events;
  }

  /** Succeeded blocks whose message just started to say that their counters miss shards (see {@link BlockCounters}). */
  static List<PipelineEvent> countersIncomplete(List<BlockStatus> previous, List<BlockStatus> next) {
    List<PipelineEvent> events = new ArrayList<>();
    for (BlockStatus block : next) {
      boolean told = previous.stream().anyMatch(b -> block.name.equals(b.name) && missesShards(b));
      if (missesShards(block) && !told) {
        events.add(new PipelineEvent(PipelineEvent.Reason.CountersIncomplete, block.name,
            "block '" + block.name + "': " + block.message, null));
      }
    }
    return events;
  }

  private static boolean missesShards(BlockStatus block) {
    return block.phase == BlockStatus.Phase.Succeeded && block.message != null;
  }

  private static String succeeded(BlockStatus block) {
    String text = "block '" + block.name + "' succeeded: " + block.shards + " shards, " + block.recordsIn
        + " records in, " + block.recordsOut + " out";
    // Reports can come after the Job completed; the event is told once, so it says what its numbers are.
    return BlockCounters.open(block) ? text + " from the " + block.counted + " shards reported so far; its status"
        + " adds the others as their reports arrive" : text;
  }

  /** How long after its last input completed a block started; null for source blocks. */
  private static Duration sinceInputs(BlockState block, Map<String, BlockState> blocks, RunPlan plan) {
    Instant lastInput = plan.block(block.status().name).producers().stream()
        .map(p -> blocks.get(p).finishedAt()).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
    return between(lastInput, block.startedAt());
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to);
  }
}
