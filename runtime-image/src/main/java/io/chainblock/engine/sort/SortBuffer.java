package io.chainblock.engine.sort;

import io.chainblock.engine.format.RecordEncoding;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Record;
import java.io.IOException;

/** Keeps every record as emitted and sorts them when they are written. */
final class SortBuffer implements MapSideBuffer {
  private final EncodedRecords records;

  SortBuffer(int pageSize, KeyOrder[] orders) {
    this.records = new EncodedRecords(pageSize, orders);
  }

  @Override
  public long memoryAfterAdding(byte[] key, byte[] subkey, byte[] value) {
    return records.memoryAfterAdding(RecordEncoding.encodedSize(key, subkey, value));
  }

  @Override
  public void add(int destination, byte[] key, byte[] subkey, byte[] value) {
    records.add(destination, key, subkey, value);
  }

  @Override
  public boolean isEmpty() {
    return records.size() == 0;
  }

  @Override
  public void writeSorted(DestinationSink out) throws IOException {
    int[] ids = records.sortedIds();
    for (int i = 0, n = records.size(); i < n; i++) {
      Record record = records.record(ids[i]);
      out.write(records.destination(ids[i]), record.key(), record.subkey(), record.value());
    }
  }

  @Override
  public void clear() {
    records.clear();
  }
}
