package io.chainblock.operator.pipeline;

import java.util.Comparator;
import java.util.List;

/** Why a block failed, in one sentence: the block, its failed shards, and the first shard's own error. */
final class BlockFailures {
  private BlockFailures() {}

  static String message(String block, JobProgress job, List<ShardReport> reports) {
    StringBuilder text = new StringBuilder("block '").append(block).append("' failed");
    if (!job.failedIndexes().isEmpty()) {
      text.append(": shard").append(job.failedCount() == 1 ? " " : "s ").append(job.failedIndexes())
          .append(" failed for good");
    }
    reports.stream()
        .filter(r -> !r.succeeded() && r.error() != null)
        .min(Comparator.comparingInt((ShardReport r) -> failedFirst(job, r)).thenComparingInt(ShardReport::index)
            .thenComparing(Comparator.comparingInt(ShardReport::attempt).reversed()))
        .ifPresentOrElse(
            r -> text.append("; shard ").append(r.index()).append(" (attempt ").append(r.attempt()).append("): ")
                .append(r.error()),
            () -> text.append("; no shard reported an error (see the pods of Job ").append(job.name()).append(")"));
    return text.toString();
  }

  /** Reports of the failed indexes come before those of shards that failed and then succeeded. */
  private static int failedFirst(JobProgress job, ShardReport report) {
    return IndexRanges.contains(job.failedIndexes(), report.index()) ? 0 : 1;
  }
}
