package io.chainblock.engine.sort;

import io.chainblock.engine.format.RecordCursor;
import io.chainblock.engine.record.Record;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * Walks a sorted cursor one key at a time, streaming: a key's records are read as they are
 * asked for, so a key with millions of records never sits in memory.
 *
 * <pre>
 * while (groups.nextKey()) {
 *   handler = start(groups.key());
 *   while (groups.nextRecord()) handler.record(groups.record());
 * }
 * </pre>
 */
public final class KeyGroups implements Closeable {
  private final RecordCursor cursor;
  /** The cursor stands on a record that has not been handed out yet. */
  private boolean pending;
  private boolean exhausted;
  private byte[] key;
  private Record record;

  public KeyGroups(RecordCursor cursor) {
    this.cursor = cursor;
  }

  /** Moves to the next key, skipping what is left of the current one; false at the end. */
  public boolean nextKey() throws IOException {
    record = null;
    while (advance()) {
      if (key == null || !Arrays.equals(cursor.key(), key)) {
        key = cursor.key();
        return true;
      }
      pending = false;
    }
    key = null;
    return false;
  }

  public byte[] key() {
    if (key == null) {
      throw new IllegalStateException("no current key: call nextKey() first");
    }
    return key;
  }

  /** Moves to the current key's next record; false after its last one. */
  public boolean nextRecord() throws IOException {
    key();
    if (!advance() || !Arrays.equals(cursor.key(), key)) {
      record = null;
      return false;
    }
    pending = false;
    record = new Record(cursor.key(), cursor.subkey(), cursor.value());
    return true;
  }

  public Record record() {
    if (record == null) {
      throw new IllegalStateException("no current record: call nextRecord() first");
    }
    return record;
  }

  @Override
  public void close() throws IOException {
    cursor.close();
  }

  /** Makes the cursor stand on an unconsumed record; false when there is none. */
  private boolean advance() throws IOException {
    if (!pending && !exhausted) {
      pending = cursor.next();
      exhausted = !pending;
    }
    return pending;
  }
}
