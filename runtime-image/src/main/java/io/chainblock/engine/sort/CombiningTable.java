package io.chainblock.engine.sort;

import io.chainblock.engine.format.RecordEncoding;
import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Partitioner;
import io.chainblock.engine.record.Record;
import java.io.IOException;
import java.util.Arrays;

/**
 * Folds values into one accumulator per (destination, key) as they arrive, so a shard holds one
 * entry per distinct key instead of one record per emit (Spark's AppendOnlyMap idea). Keys live
 * in an {@link EncodedRecords} arena; the hash table is an open-addressing array of entry ids.
 */
final class CombiningTable implements MapSideBuffer {
  /**
   * What one accumulator is guessed to cost: the table cannot measure user objects, and a small
   * object holding a number or a short array is about this size.
   */
  static final int ACCUMULATOR_BYTES = 64;

  private final FoldingCombiner combiner;
  private final EncodedRecords keys;
  private FoldingCombiner.Accumulator[] accumulators = new FoldingCombiner.Accumulator[0];
  private int[] hashes = new int[0];
  /** Entry id + 1 per slot, 0 for an empty slot; at most half full. */
  private int[] slots = new int[16];

  CombiningTable(FoldingCombiner combiner, int pageSize, KeyOrder[] orders) {
    this.combiner = combiner;
    this.keys = new EncodedRecords(pageSize, orders);
  }

  @Override
  public long memoryAfterAdding(byte[] key, byte[] subkey, byte[] value) {
    int entries = keys.size() + 1;
    long slotBytes = 4L * (entries * 2 > slots.length ? slots.length * 2 : slots.length);
    long entryBytes = (long) Math.max(entries, accumulators.length) * (8 + 4)
        + (long) entries * ACCUMULATOR_BYTES;
    return keys.memoryAfterAdding(RecordEncoding.encodedSize(key, Record.EMPTY, Record.EMPTY))
        + slotBytes + entryBytes;
  }

  @Override
  public void add(int destination, byte[] key, byte[] subkey, byte[] value) {
    int hash = hash(destination, key);
    int mask = slots.length - 1;
    int slot = hash & mask;
    while (slots[slot] != 0) {
      int id = slots[slot] - 1;
      if (hashes[id] == hash && keys.keyEquals(id, destination, key)) {
        accumulators[id].add(value);
        return;
      }
      slot = (slot + 1) & mask;
    }
    int id = keys.add(destination, key, Record.EMPTY, Record.EMPTY);
    if (id == accumulators.length) {
      int capacity = Math.max(16, id + (id >> 1));
      accumulators = Arrays.copyOf(accumulators, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
    }
    FoldingCombiner.Accumulator accumulator = combiner.newAccumulator();
    accumulator.add(value);
    accumulators[id] = accumulator;
    hashes[id] = hash;
    slots[slot] = id + 1;
    if (keys.size() * 2 > slots.length) {
      rehash(slots.length * 2);
    }
  }

  @Override
  public boolean isEmpty() {
    return keys.size() == 0;
  }

  @Override
  public void writeSorted(DestinationSink out) throws IOException {
    int[] ids = keys.sortedIds();
    for (int i = 0, n = keys.size(); i < n; i++) {
      int id = ids[i];
      out.write(keys.destination(id), keys.record(id).key(), Record.EMPTY,
          accumulators[id].result());
    }
  }

  @Override
  public void clear() {
    Arrays.fill(accumulators, 0, keys.size(), null);
    Arrays.fill(slots, 0);
    keys.clear();
  }

  private void rehash(int size) {
    int[] grown = new int[size];
    int mask = size - 1;
    for (int id = 0, n = keys.size(); id < n; id++) {
      int slot = hashes[id] & mask;
      while (grown[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = id + 1;
    }
    slots = grown;
  }

  /**
   * FNV-1a mixed with the destination and finished with murmur3's fmix64: destinations are
   * chosen by FNV modulo the shard count, so raw FNV low bits are skewed within one destination.
   */
  private static int hash(int destination, byte[] key) {
    long h = Partitioner.hash(key) ^ (destination * 0x9e3779b97f4a7c15L);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
