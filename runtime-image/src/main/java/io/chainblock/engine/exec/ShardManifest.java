package io.chainblock.engine.exec;

import java.util.List;

/**
 * A writer shard's commit: the objects one attempt wrote and its counters. It is written after
 * every object it lists, so its presence means the attempt's output is complete.
 */
public record ShardManifest(String block, int shard, int attempt, List<Entry> objects, ShardCounters.Snapshot counters) {
  /** An object for one reader shard of {@code consumer}; {@code dest} is -1 for broadcasts. */
  public record Entry(String consumer, int dest, String path, long bytes) {}

  public static final int BROADCAST = -1;
}
