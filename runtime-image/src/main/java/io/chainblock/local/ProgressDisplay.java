package io.chainblock.local;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows a run's progress on stderr while it runs. On a terminal, one line per block redrawn in
 * place; otherwise (a log, CI) a line whenever a block starts, finishes or fails, and a line for
 * each running block every {@code heartbeatSeconds}.
 */
public final class ProgressDisplay implements AutoCloseable {
  private static final int BAR = 20;

  private final LocalRunner runner;
  private final PrintStream out;
  private final boolean terminal;
  private final long heartbeatNanos;
  private final long startNanos = System.nanoTime();
  private final Map<String, BlockProgress.State> lastState = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopped;
  private int drawnLines;
  private long lastHeartbeat = System.nanoTime();

  public ProgressDisplay(LocalRunner runner, PrintStream out, boolean terminal, int heartbeatSeconds) {
    this.runner = runner;
    this.out = out;
    this.terminal = terminal;
    this.heartbeatNanos = heartbeatSeconds * 1_000_000_000L;
    this.thread = new Thread(this::loop, "progress");
    this.thread.setDaemon(true);
  }

  public ProgressDisplay start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!stopped) {
      draw();
      try {
        Thread.sleep(terminal ? 250 : 500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void draw() {
    List<BlockProgress.View> views = runner.progress().stream().map(BlockProgress::view).toList();
    if (terminal) {
      if (drawnLines > 0) {
        out.print("\033[" + drawnLines + "F");
      }
      for (BlockProgress.View v : views) {
        out.print("\033[2K" + terminalLine(v) + "\n");
      }
      drawnLines = views.size();
    } else {
      boolean heartbeat = System.nanoTime() - lastHeartbeat >= heartbeatNanos;
      for (BlockProgress.View v : views) {
        BlockProgress.State before = lastState.put(v.name(), v.state());
        boolean changed = before != v.state() && v.state() != BlockProgress.State.WAITING;
        if (changed || (heartbeat && v.state() == BlockProgress.State.RUNNING)) {
          out.println(logLine(v));
        }
      }
      if (heartbeat) {
        lastHeartbeat = System.nanoTime();
      }
    }
    out.flush();
  }

  private String terminalLine(BlockProgress.View v) {
    int filled = v.shards() == 0 ? 0 : v.succeeded() * BAR / v.shards();
    String bar = "#".repeat(filled) + "-".repeat(BAR - filled);
    return String.format("%-16s [%s] %d/%d shards  %s  in %s rec  out %s rec  %ss", v.name(), bar, v.succeeded(),
        v.shards(), v.state().name().toLowerCase(), Units.count(v.totals().recordsIn()),
        Units.count(v.totals().recordsOut()), Units.seconds(v.seconds()));
  }

  private String logLine(BlockProgress.View v) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    String retries = v.retries() > 0 ? ", " + v.retries() + " retried" : "";
    return String.format("[%7ss] %s: %s, %d/%d shards done, %d running%s, %s records in, %s records out",
        Units.seconds(elapsed), v.name(), v.state().name().toLowerCase(), v.succeeded(), v.shards(), v.running(),
        retries, Units.count(v.totals().recordsIn()), Units.count(v.totals().recordsOut()));
  }

  /** Stops the display after drawing the final state once more. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw();
  }
}
