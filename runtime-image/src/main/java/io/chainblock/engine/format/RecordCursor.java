package io.chainblock.engine.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads records one at a time without allocating a Record per step. The arrays returned by
 * {@link #key()}, {@link #subkey()} and {@link #value()} belong to the current record and stay
 * valid after {@link #next()} (they are never reused).
 */
public interface RecordCursor extends Closeable {
  /** Moves to the next record; false at the end. */
  boolean next() throws IOException;

  byte[] key();

  byte[] subkey();

  byte[] value();
}
