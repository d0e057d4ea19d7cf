package io.chainblock.local;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.exec.ShardCounters;
import io.chainblock.engine.plan.BlockPlan;
import io.chainblock.engine.plan.RunPlan;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a whole pipeline in this JVM: shards are tasks on a fixed pool of threads, a block's
 * shards are queued as soon as every block it reads has succeeded (so independent blocks run
 * at the same time), at most {@code parallelism} of a block's shards run at once, and a shard
 * that fails for a reason other than the user's code is retried with a new attempt number.
 */
public final class LocalRunner {
  public record Options(int threads, int retries) {}

  /** Runs one shard: in this JVM ({@link io.chainblock.engine.exec.ShardRunner}) or in a process of its own. */
  @FunctionalInterface
  public interface ShardExecutor {
    void run(String block, int shard, int attempt, ShardCounters counters) throws Exception;
  }

  /** Why a run stopped short. */
  public static final class PipelineFailedException extends Exception {
    public PipelineFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record ShardTask(BlockProgress block, int shard, int attempt) {}

  private record Completion(ShardTask task, ShardCounters counters, Throwable error) {}

  private final ShardExecutor shards;
  private final Options options;
  private final Map<String, BlockProgress> progress = new LinkedHashMap<>();

  public LocalRunner(RunPlan plan, ShardExecutor shards, Options options) {
    this.shards = shards;
    this.options = options;
    for (BlockPlan block : plan.blocks()) {
      progress.put(block.name(), new BlockProgress(block));
    }
  }

  /** Every block's progress, in plan order; live while {@link #run()} runs. */
  public List<BlockProgress> progress() {
    return List.copyOf(progress.values());
  }

  public void run() throws PipelineFailedException, InterruptedException {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "shard-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    Deque<ShardTask> queued = new ArrayDeque<>();
    Map<BlockProgress, Integer> runningPerBlock = new LinkedHashMap<>();
    int running = 0;
    try {
      while (true) {
        queueReadyBlocks(queued);
        for (ShardTask next; running < options.threads() && (next = nextRunnable(queued, runningPerBlock)) != null; ) {
          queued.remove(next);
          runningPerBlock.merge(next.block(), 1, Integer::sum);
          running++;
          submit(pool, next, completions);
        }
        if (running == 0) {
          return;
        }
        Completion done = completions.take();
        running--;
        runningPerBlock.merge(done.task().block(), -1, Integer::sum);
        if (done.error() == null) {
          done.task().block().shardSucceeded(done.counters());
          continue;
        }
        boolean retry = !(done.error() instanceof UserCodeException) && done.task().attempt() < options.retries();
        done.task().block().shardFailed(done.counters(), retry);
        if (retry) {
          queued.addFirst(new ShardTask(done.task().block(), done.task().shard(), done.task().attempt() + 1));
          continue;
        }
        throw new PipelineFailedException(describe(done), done.error());
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private void queueReadyBlocks(Deque<ShardTask> queued) {
    for (BlockProgress block : progress.values()) {
      if (block.state() == BlockProgress.State.WAITING && producersSucceeded(block.block())) {
        block.start();
        for (int shard = 0; shard < block.block().shards(); shard++) {
          queued.addLast(new ShardTask(block, shard, 0));
        }
      }
    }
  }

  private boolean producersSucceeded(BlockPlan block) {
    for (String producer : block.producers()) {
      if (progress.get(producer).state() != BlockProgress.State.SUCCEEDED) {
        return false;
      }
    }
    return true;
  }

  private static ShardTask nextRunnable(Deque<ShardTask> queued, Map<BlockProgress, Integer> runningPerBlock) {
    for (ShardTask task : queued) {
      if (runningPerBlock.getOrDefault(task.block(), 0) < task.block().block().parallelism()) {
        return task;
      }
    }
    return null;
  }

  private void submit(ExecutorService pool, ShardTask task, BlockingQueue<Completion> completions) {
    ShardCounters counters = new ShardCounters();
    task.block().shardStarted(counters);
    pool.execute(() -> {
      Throwable error = null;
      try {
        shards.run(task.block().block().name(), task.shard(), task.attempt(), counters);
      } catch (Throwable t) {
        error = t;
      }
      completions.add(new Completion(task, counters, error));
    });
  }

  private static String describe(Completion failed) {
    ShardTask task = failed.task();
    String message = failed.error().getMessage() != null ? failed.error().getMessage() : failed.error().toString();
    String attempts = task.attempt() == 0 ? "" : " (after " + (task.attempt() + 1) + " attempts)";
    return "block " + task.block().block().name() + " shard " + task.shard() + " failed" + attempts + ": " + message;
  }
}
