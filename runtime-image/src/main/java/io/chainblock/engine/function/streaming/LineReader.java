package io.chainblock.engine.function.streaming;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream on {@code '\n'} without decoding it. The current line is
 * {@code buffer()[start(), start() + length())}, valid until the next call to {@link #next()}.
 */
final class LineReader implements Closeable {
  private static final int INITIAL_CAPACITY = 64 * 1024;

  private final InputStream in;
  private byte[] buf = new byte[INITIAL_CAPACITY];
  private int filled;
  private int scanFrom;
  private int lineStart;
  private int lineLength;
  private boolean eof;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Moves to the next line; false at the end. A last line without a newline is still a line. */
  boolean next() throws IOException {
    lineStart = scanFrom;
    int searchFrom = lineStart;
    while (true) {
      for (int i = searchFrom; i < filled; i++) {
        if (buf[i] == RecordLines.NEWLINE) {
          lineLength = i - lineStart;
          scanFrom = i + 1;
          return true;
        }
      }
      if (eof) {
        lineLength = filled - lineStart;
        scanFrom = filled;
        return lineLength > 0;
      }
      searchFrom = filled - lineStart;
      compactOrGrow();
      lineStart = 0;
      int n = in.read(buf, filled, buf.length - filled);
      if (n < 0) {
        eof = true;
      } else {
        filled += n;
      }
    }
  }

  private void compactOrGrow() {
    int pending = filled - lineStart;
    if (lineStart > 0) {
      System.arraycopy(buf, lineStart, buf, 0, pending);
    } else if (pending == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    filled = pending;
  }

  byte[] buffer() {
    return buf;
  }

  int start() {
    return lineStart;
  }

  int length() {
    return lineLength;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
