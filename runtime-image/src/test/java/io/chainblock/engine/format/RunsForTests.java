package io.chainblock.engine.format;

import io.chainblock.engine.record.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes and reads runs in memory for tests. */
public final class RunsForTests {
  private RunsForTests() {}

  public static byte[] write(List<Record> records, Codec codec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (RunWriter writer = new RunWriter(bytes, codec)) {
      for (Record r : records) {
        writer.write(r.key(), r.subkey(), r.value());
      }
    }
    return bytes.toByteArray();
  }

  public static List<Record> read(byte[] run, String name) throws IOException {
    try (RunReader reader = new RunReader(new ByteArrayInputStream(run), name)) {
      return drain(reader);
    }
  }

  public static List<Record> drain(RecordCursor cursor) throws IOException {
    List<Record> records = new ArrayList<>();
    while (cursor.next()) {
      records.add(new Record(cursor.key(), cursor.subkey(), cursor.value()));
    }
    return records;
  }

  /** Short fields from a small alphabet (so keys repeat), sometimes empty or arbitrary bytes. */
  public static Record randomRecord(Random random, int distinctKeys) {
    byte[] key = Record.utf8("k" + random.nextInt(distinctKeys));
    if (random.nextInt(20) == 0) {
      key = bytes(random, random.nextInt(4));
    }
    return new Record(key, bytes(random, random.nextInt(3)), bytes(random, random.nextInt(12)));
  }

  public static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
