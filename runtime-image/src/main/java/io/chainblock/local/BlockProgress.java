package io.chainblock.local;

import io.chainblock.engine.exec.ShardCounters;
import io.chainblock.engine.plan.BlockPlan;
import java.util.ArrayList;
import java.util.List;

/** Where one block stands in a local run; read by the progress display while shards write it. */
public final class BlockProgress {
  public enum State { WAITING, RUNNING, SUCCEEDED, FAILED }

  private final BlockPlan block;
  private State state = State.WAITING;
  private int succeeded;
  private int retries;
  private final List<ShardCounters> running = new ArrayList<>();
  private ShardCounters.Snapshot finished = ShardCounters.Snapshot.ZERO;
  private long startNanos;
  private long endNanos;

  BlockProgress(BlockPlan block) {
    this.block = block;
  }

  /** A consistent copy of the block's numbers at this moment. */
  public record View(String name, State state, int shards, int succeeded, int running, int retries,
      ShardCounters.Snapshot totals, double seconds) {}

  public synchronized View view() {
    ShardCounters.Snapshot totals = finished;
    for (ShardCounters c : running) {
      totals = totals.plus(c.snapshot());
    }
    long end = endNanos != 0 ? endNanos : System.nanoTime();
    double seconds = startNanos == 0 ? 0 : (end - startNanos) / 1e9;
    return new View(block.name(), state, block.shards(), succeeded, running.size(), retries, totals, seconds);
  }

  public BlockPlan block() {
    return block;
  }

  synchronized State state() {
    return state;
  }

  synchronized void start() {
    state = State.RUNNING;
    startNanos = System.nanoTime();
  }

  synchronized void shardStarted(ShardCounters counters) {
    running.add(counters);
  }

  synchronized void shardSucceeded(ShardCounters counters) {
    running.remove(counters);
    finished = finished.plus(counters.snapshot());
    succeeded++;
    if (succeeded == block.shards()) {
      state = State.SUCCEEDED;
      endNanos = System.nanoTime();
    }
  }

  synchronized void shardFailed(ShardCounters counters, boolean willRetry) {
    running.remove(counters);
    if (willRetry) {
      retries++;
    } else {
      state = State.FAILED;
      endNanos = System.nanoTime();
    }
  }
}
