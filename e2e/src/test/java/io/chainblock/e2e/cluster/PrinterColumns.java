package io.chainblock.e2e.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl get chainpipelines} run again and again in a namespace while its pipelines run,
 * each table kept as a user would have read it.
 */
final class PrinterColumns implements AutoCloseable {
  /** One pipeline's row; a column the status does not fill yet is empty. */
  record Row(String name, String phase, String blocks, String shards, String age) {}

  private final Kubectl kubectl;
  private final String namespace;
  private final List<List<String>> headers = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  private PrinterColumns(Kubectl kubectl, String namespace, Duration interval) {
    this.kubectl = kubectl;
    this.namespace = namespace;
    thread = Thread.ofPlatform().daemon().name("kubectl get chainpipelines").start(() -> {
      try {
        do {
          sample();
        } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
        sample();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  static PrinterColumns sample(Kubectl kubectl, String namespace, Duration interval) {
    return new PrinterColumns(kubectl, namespace, interval);
  }

  private void sample() {
    Command get = kubectl.tryRun(Duration.ofSeconds(30), "get", "chainpipelines", "-n", namespace);
    synchronized (this) {
      if (get.exitCode() != 0) {
        failures.add(get.err());
        return;
      }
      String[] lines = get.out().split("\n");
      if (lines.length == 0 || lines[0].isBlank()) {
        return;
      }
      List<String> header = List.of(lines[0].trim().split("\\s+"));
      headers.add(header);
      int[] starts = new int[header.size()];
      int from = 0;
      for (int i = 0; i < header.size(); i++) {
        starts[i] = lines[0].indexOf(header.get(i), from);
        from = starts[i] + header.get(i).length();
      }
      for (int l = 1; l < lines.length; l++) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
          int end = i + 1 < starts.length ? Math.min(starts[i + 1], lines[l].length()) : lines[l].length();
          cells.add(starts[i] < end ? lines[l].substring(starts[i], end).trim() : "");
        }
        if (cells.size() == 5) {
          rows.add(new Row(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4)));
        }
      }
    }
  }

  /** The header lines seen, each split into column names. */
  synchronized List<List<String>> headers() {
    return List.copyOf(headers);
  }

  /** Every row kubectl printed for {@code pipeline}, in order. */
  synchronized List<Row> rows(String pipeline) {
    return rows.stream().filter(r -> r.name().equals(pipeline)).toList();
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /** Stops sampling after one last table, so the end of every run is in it. */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(Duration.ofSeconds(40));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
