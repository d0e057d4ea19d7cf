package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.engine.exec.ShardCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A block's counters, summed from its shards' reports. The reports come through the pod watch, and
 * the news that the block finished through the Job watch, which can be ahead: the Job controller
 * may have seen the last pods succeed before the operator sees their reports. The next block must
 * not wait for counters, so a finished block's counters stay open instead: every plan sums them
 * again, until every succeeded shard is counted. A report whose pod was deleted before the operator
 * read it never comes; {@link #WAIT} after a block succeeded, its message says that its counters
 * miss shards.
 */
final class BlockCounters {
  /** Far longer than the pod watch lags the Job watch even on a loaded cluster. */
  static final Duration WAIT = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BlockCounters() {}

  /** Sets the block's counters from one succeeded attempt per shard: failed attempts' output was discarded. */
  static void count(BlockStatus status, List<ShardReport> reports) {
    Map<Integer, ShardCounters.Snapshot> byIndex = succeeded(reports);
    ShardCounters.Snapshot sum = byIndex.values().stream()
        .reduce(ShardCounters.Snapshot.ZERO, ShardCounters.Snapshot::plus);
    status.counted = byIndex.size();
    status.recordsIn = sum.recordsIn();
    status.recordsOut = sum.recordsOut();
    status.bytesIn = sum.bytesIn();
    status.bytesOut = sum.bytesOut();
  }

  /**
   * A block the previous status records as finished, counted again while it misses shards, but
   * never from fewer shards than before: pods deleted since took counted reports with them.
   */
  static BlockStatus recount(BlockStatus finished, List<ShardReport> reports, Instant now) {
    if (!open(finished)) {
      return finished;
    }
    BlockStatus status = JSON.convertValue(finished, BlockStatus.class);
    if (succeeded(reports).size() > finished.counted) {
      count(status, reports);
    }
    noteMissing(status, now);
    return status;
  }

  /** A succeeded block's message: whether its counters miss shards whose reports will not come. */
  static void noteMissing(BlockStatus status, Instant now) {
    if (status.phase != BlockStatus.Phase.Succeeded) {
      return;
    }
    Instant due = due(status);
    status.message = open(status) && due != null && !now.isBefore(due)
        ? "counters of " + status.counted + " of " + status.succeeded + " shards only: the other shards' reports"
            + " were still unread " + WAIT.toSeconds() + "s after the block succeeded; their pods were probably"
            + " deleted before the operator could read them"
        : null;
  }

  /** When a plan must look at the block again though nothing changed, to tell of reports that did not come; or null. */
  static Instant dueAt(BlockStatus status) {
    return status.phase == BlockStatus.Phase.Succeeded && open(status) && status.message == null ? due(status) : null;
  }

  /** Whether fewer succeeded shards are counted than succeeded; a status without {@code counted} predates counting them. */
  static boolean open(BlockStatus status) {
    return status.counted != null && status.succeeded != null && status.counted < status.succeeded;
  }

  private static Instant due(BlockStatus status) {
    return status.completionTime == null ? null : Instant.parse(status.completionTime).plus(WAIT);
  }

  /** Shard index → the counters of its succeeded attempt; an index retried after a failure has several pods. */
  private static Map<Integer, ShardCounters.Snapshot> succeeded(List<ShardReport> reports) {
    Map<Integer, ShardCounters.Snapshot> byIndex = new TreeMap<>();
    for (ShardReport report : reports) {
      if (report.succeeded()) {
        byIndex.putIfAbsent(report.index(), report.counters());
      }
    }
    return byIndex;
  }
}
