package io.chainblock.engine.function.streaming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Forwards a program's stderr line by line with a prefix naming the block and shard, and keeps
 * the last lines so a failure message can show them.
 */
final class StderrTail implements Runnable {
  private static final int LINES_KEPT = 20;
  private static final int LINE_CHARS_KEPT = 500;

  private final InputStream stderr;
  private final PrintStream log;
  private final String prefix;
  private final Deque<String> last = new ArrayDeque<>();

  StderrTail(InputStream stderr, PrintStream log, String prefix) {
    this.stderr = stderr;
    this.log = log;
    this.prefix = prefix;
  }

  @Override
  public void run() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        log.println(prefix + line);
        keep(line.length() > LINE_CHARS_KEPT ? line.substring(0, LINE_CHARS_KEPT) + "…" : line);
      }
    } catch (IOException killed) {
      // The program was killed; the lines read so far are what there is to show.
    }
  }

  private synchronized void keep(String line) {
    if (last.size() == LINES_KEPT) {
      last.removeFirst();
    }
    last.addLast(line);
  }

  /** The last lines, one per line, or a note that there were none. */
  synchronized String lastLines() {
    return last.isEmpty() ? "(none)" : "\n" + String.join("\n", last);
  }
}
