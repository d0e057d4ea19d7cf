package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.BlockStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.List;

/**
 * One block during planning: its status entry, and its Job's progress when the Job exists.
 *
 * @param job null when the block has no Job (not started, or its Job is gone after it finished)
 */
record BlockState(BlockStatus status, JobProgress job) {

  /**
   * A block as the cluster shows it. A block that the previous status already records as finished
   * keeps that record, which came from shard pods that may since have been removed; only counters
   * that missed reports are completed as the reports arrive (see {@link BlockCounters}).
   */
  static BlockState observe(String block, int shards, String jobName, Job job, List<ShardReport> reports,
      BlockStatus previous, Instant now) {
    JobProgress progress = job == null ? null : JobProgress.of(job);
    if (previous != null && isFinished(previous.phase) && (progress == null || progress.finished())) {
      return new BlockState(BlockCounters.recount(previous, reports, now), progress);
    }
    BlockStatus status = new BlockStatus();
    status.name = block;
    status.shards = shards;
    status.job = jobName;
    status.succeeded = 0;
    status.failed = 0;
    if (progress == null) {
      status.phase = BlockStatus.Phase.Pending;
      return new BlockState(status, null);
    }
    status.phase = progress.failed() ? BlockStatus.Phase.Failed
        : progress.complete() ? BlockStatus.Phase.Succeeded : BlockStatus.Phase.Running;
    status.succeeded = progress.succeeded();
    status.failed = progress.failedCount();
    // The start this operator recorded when it created the Job is exact; the Job's creationTimestamp
    // has whole seconds only, and switching to it would rewrite an unchanged status.
    status.startTime = previous != null && previous.startTime != null ? previous.startTime : text(progress.createdAt());
    status.completionTime = text(progress.finishedAt());
    BlockCounters.count(status, reports);
    if (progress.failed()) {
      status.message = BlockFailures.message(block, progress, reports);
    }
    BlockCounters.noteMissing(status, now);
    return new BlockState(status, progress);
  }

  /**
   * The block's Job was just planned: it counts as running from now, with the status the next
   * reconcile will observe for it, so that seeing the new Job changes nothing to write.
   */
  static BlockState started(BlockState pending, Instant now) {
    BlockStatus status = pending.status();
    status.phase = BlockStatus.Phase.Running;
    status.startTime = now.toString();
    BlockCounters.count(status, List.of());
    return new BlockState(status, null);
  }

  BlockStatus.Phase phase() {
    return status.phase;
  }

  Instant startedAt() {
    return status.startTime == null ? null : Instant.parse(status.startTime);
  }

  Instant finishedAt() {
    return status.completionTime == null ? null : Instant.parse(status.completionTime);
  }

  static boolean isFinished(BlockStatus.Phase phase) {
    return phase == BlockStatus.Phase.Succeeded || phase == BlockStatus.Phase.Failed;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
