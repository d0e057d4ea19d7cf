package io.chainblock.engine.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Turns a chunk into source records: key = the record's byte offset in the disk as 20
 * zero-padded digits (so keys sort in input order), subkey empty, value = the line without its
 * newline (text) or the chunk's bytes (binary).
 */
public final class ChunkRecords {
  public static final int KEY_DIGITS = 20;

  @FunctionalInterface
  public interface RecordConsumer {
    void accept(byte[] key, byte[] value) throws Exception;
  }

  private ChunkRecords() {}

  /** Reads the chunk, calls {@code consumer} per record and returns the bytes read. */
  public static long read(Chunk chunk, DiskFormat format, RecordConsumer consumer) throws Exception {
    try (InputStream in = chunk.open()) {
      if (format == DiskFormat.BINARY) {
        byte[] bytes = in.readAllBytes();
        consumer.accept(offsetKey(chunk.offset()), bytes);
        return bytes.length;
      }
      return readLines(in, chunk.offset(), consumer);
    }
  }

  private static long readLines(InputStream in, long baseOffset, RecordConsumer consumer) throws Exception {
    byte[] buf = new byte[1 << 20];
    int start = 0;
    int filled = 0;
    long bufOffset = baseOffset;
    long total = 0;
    while (true) {
      int n = in.read(buf, filled, buf.length - filled);
      if (n < 0) {
        break;
      }
      total += n;
      int scanFrom = filled;
      filled += n;
      for (int i = scanFrom; i < filled; i++) {
        if (buf[i] == '\n') {
          consumer.accept(offsetKey(bufOffset + start), Arrays.copyOfRange(buf, start, i));
          start = i + 1;
        }
      }
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, filled - start);
        filled -= start;
        bufOffset += start;
        start = 0;
      } else if (filled == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
    if (filled > start) {
      consumer.accept(offsetKey(bufOffset + start), Arrays.copyOfRange(buf, start, filled));
    }
    return total;
  }

  public static byte[] offsetKey(long offset) {
    byte[] key = new byte[KEY_DIGITS];
    long v = offset;
    for (int i = KEY_DIGITS - 1; i >= 0; i--) {
      key[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return key;
  }
}
