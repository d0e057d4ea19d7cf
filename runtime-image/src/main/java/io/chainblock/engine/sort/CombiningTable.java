package io.chainblock.engine.sort;

import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.record.Partitioner;
import io.chainblock.engine.record.Record;
import java.io.IOException;
import java.util.Arrays;

/**
 * Folds values into one accumulator per (destination, key) as they arrive, so a shard holds one
 * entry per distinct key instead of one record per emit (Spark's AppendOnlyMap idea).
 *
 * <p>This is the hot path of every combining block (a word count folds every word here), so it
 * keeps the emitted key arrays themselves instead of copying them into an arena: a hit costs one
 * probe of an int table and one array compare. Memory is counted as entries are inserted rather
 * than measured, so asking for it is free.
 */
final class CombiningTable implements MapSideBuffer {
  /**
   * What one accumulator is guessed to cost: the table cannot measure user objects, and a small
   * object holding a number or a short array is about this size.
   */
  static final int ACCUMULATOR_BYTES = 64;
  /** Array header and alignment of a key array, plus its slots in the parallel arrays and the table. */
  private static final int ENTRY_OVERHEAD = 16 + 8 + 4 + 4 + 8 + 2 * 8;

  private final FoldingCombiner combiner;
  private byte[][] keys = new byte[16][];
  private int[] destinations = new int[16];
  private int[] hashes = new int[16];
  private FoldingCombiner.Accumulator[] accumulators = new FoldingCombiner.Accumulator[16];
  /**
   * Per slot, the entry's hash in the high half and its id + 1 in the low half (0: empty), so a
   * probe compares hashes without touching the entry arrays. At most half full.
   */
  private long[] slots = new long[32];
  private int size;
  private long memoryBytes;

  CombiningTable(FoldingCombiner combiner) {
    this.combiner = combiner;
  }

  @Override
  public long memoryAfterAdding(byte[] key, byte[] subkey, byte[] value) {
    return memoryBytes + entryBytes(key);
  }

  @Override
  public void add(int destination, byte[] key, byte[] subkey, byte[] value) {
    int hash = hash(destination, key);
    int mask = slots.length - 1;
    int slot = hash & mask;
    for (long taken; (taken = slots[slot]) != 0; slot = (slot + 1) & mask) {
      if ((int) (taken >>> 32) == hash) {
        int id = (int) taken - 1;
        if (destinations[id] == destination && Arrays.equals(keys[id], key)) {
          accumulators[id].add(value);
          return;
        }
      }
    }
    if (size == keys.length) {
      grow();
    }
    int id = size++;
    FoldingCombiner.Accumulator accumulator = combiner.newAccumulator();
    accumulator.add(value);
    keys[id] = key;
    destinations[id] = destination;
    hashes[id] = hash;
    accumulators[id] = accumulator;
    slots[slot] = slotOf(hash, id);
    memoryBytes += entryBytes(key);
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public void writeSorted(DestinationSink out) throws IOException {
    int[] ids = new int[size];
    for (int i = 0; i < size; i++) {
      ids[i] = i;
    }
    IndexSort.sort(ids, 0, size, this::compare);
    for (int id : ids) {
      out.write(destinations[id], keys[id], Record.EMPTY, accumulators[id].result());
    }
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(accumulators, 0, size, null);
    Arrays.fill(slots, 0);
    size = 0;
    memoryBytes = 0;
  }

  private int compare(int a, int b) {
    int c = Integer.compare(destinations[a], destinations[b]);
    if (c == 0) {
      c = Arrays.compareUnsigned(keys[a], keys[b]);
    }
    return c != 0 ? c : Integer.compare(a, b);
  }

  private void grow() {
    int capacity = keys.length * 2;
    keys = Arrays.copyOf(keys, capacity);
    destinations = Arrays.copyOf(destinations, capacity);
    hashes = Arrays.copyOf(hashes, capacity);
    accumulators = Arrays.copyOf(accumulators, capacity);
  }

  private void rehash(int tableSize) {
    long[] grown = new long[tableSize];
    int mask = tableSize - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (grown[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = slotOf(hashes[id], id);
    }
    slots = grown;
  }

  private static long slotOf(int hash, int id) {
    return ((long) hash << 32) | (id + 1);
  }

  private static long entryBytes(byte[] key) {
    return ((key.length + 7) & ~7) + ENTRY_OVERHEAD + ACCUMULATOR_BYTES;
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
