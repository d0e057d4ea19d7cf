package io.chainblock.engine.sort;

import io.chainblock.engine.format.RecordEncoding;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Record;
import java.util.Arrays;

/**
 * Records kept in a {@link PageArena} in their run encoding, with a primitive index that sorts
 * them by (destination, key, subkey in the destination's order, arrival). Each record costs its
 * encoded bytes plus {@link #INDEX_BYTES_PER_RECORD}; the first eight key bytes are kept in the
 * index so most comparisons never touch the pages.
 */
final class EncodedRecords {
  /** destination (int) + pointer (long) + key prefix (long) + sort slot (int). */
  static final int INDEX_BYTES_PER_RECORD = 4 + 8 + 8 + 4;

  private final PageArena arena;
  private final KeyOrder[] orders;
  private int count;
  private int[] destinations = new int[0];
  private long[] pointers = new long[0];
  private long[] prefixes = new long[0];
  private int[] sorted = new int[0];

  EncodedRecords(int pageSize, KeyOrder[] orders) {
    this.arena = new PageArena(pageSize);
    this.orders = orders;
  }

  int size() {
    return count;
  }

  long memoryBytes() {
    return arena.allocatedBytes() + (long) destinations.length * INDEX_BYTES_PER_RECORD;
  }

  /** What {@link #memoryBytes()} would be after adding a record of this encoded size. */
  long memoryAfterAdding(int encodedSize) {
    int capacity = count < destinations.length ? destinations.length : grownCapacity();
    return arena.allocatedBytes() + arena.growthFor(encodedSize)
        + (long) capacity * INDEX_BYTES_PER_RECORD;
  }

  /** Appends a record and returns its id (ids count up from 0 after each clear). */
  int add(int destination, byte[] key, byte[] subkey, byte[] value) {
    if (count == destinations.length) {
      grow();
    }
    long pointer = arena.allocate(RecordEncoding.encodedSize(key, subkey, value));
    RecordEncoding.encode(arena.page(pointer), PageArena.offset(pointer), key, subkey, value);
    destinations[count] = destination;
    pointers[count] = pointer;
    prefixes[count] = prefix(key);
    return count++;
  }

  /** Sorts the index and returns the ids in order; valid until the next {@link #add}. */
  int[] sortedIds() {
    for (int i = 0; i < count; i++) {
      sorted[i] = i;
    }
    IndexSort.sort(sorted, 0, count, this::compare);
    return sorted;
  }

  int destination(int id) {
    return destinations[id];
  }

  Record record(int id) {
    byte[] page = arena.page(pointers[id]);
    int at = PageArena.offset(pointers[id]);
    int keyLength = RecordEncoding.readVarint(page, at, page.length);
    at += RecordEncoding.varintSize(keyLength);
    int subkeyLength = RecordEncoding.readVarint(page, at, page.length);
    at += RecordEncoding.varintSize(subkeyLength);
    int valueLength = RecordEncoding.readVarint(page, at, page.length);
    at += RecordEncoding.varintSize(valueLength);
    byte[] key = Arrays.copyOfRange(page, at, at + keyLength);
    at += keyLength;
    byte[] subkey = Arrays.copyOfRange(page, at, at + subkeyLength);
    at += subkeyLength;
    return new Record(key, subkey, Arrays.copyOfRange(page, at, at + valueLength));
  }

  void clear() {
    count = 0;
    arena.clear();
  }

  private int compare(int a, int b) {
    int c = Integer.compare(destinations[a], destinations[b]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(prefixes[a], prefixes[b]);
    if (c != 0) {
      return c;
    }
    byte[] pageA = arena.page(pointers[a]);
    byte[] pageB = arena.page(pointers[b]);
    int atA = PageArena.offset(pointers[a]);
    int atB = PageArena.offset(pointers[b]);
    int keyA = RecordEncoding.readVarint(pageA, atA, pageA.length);
    int keyB = RecordEncoding.readVarint(pageB, atB, pageB.length);
    int subkeyA = RecordEncoding.readVarint(pageA, atA + RecordEncoding.varintSize(keyA),
        pageA.length);
    int subkeyB = RecordEncoding.readVarint(pageB, atB + RecordEncoding.varintSize(keyB),
        pageB.length);
    int startA = fieldsStart(pageA, atA, keyA);
    int startB = fieldsStart(pageB, atB, keyB);
    c = Arrays.compareUnsigned(pageA, startA, startA + keyA, pageB, startB, startB + keyB);
    if (c != 0) {
      return c;
    }
    c = orders[destinations[a]].compareSubkeys(pageA, startA + keyA, startA + keyA + subkeyA,
        pageB, startB + keyB, startB + keyB + subkeyB);
    return c != 0 ? c : Integer.compare(a, b);
  }

  /** Where the key starts: after the three length varints. */
  private static int fieldsStart(byte[] page, int at, int keyLength) {
    at += RecordEncoding.varintSize(keyLength);
    at += RecordEncoding.varintSize(RecordEncoding.readVarint(page, at, page.length));
    return at + RecordEncoding.varintSize(RecordEncoding.readVarint(page, at, page.length));
  }

  /** The first eight key bytes as an unsigned big-endian number, zero-padded. */
  private static long prefix(byte[] key) {
    long prefix = 0;
    for (int i = 0; i < 8; i++) {
      prefix = prefix << 8 | (i < key.length ? key[i] & 0xff : 0);
    }
    return prefix;
  }

  private int grownCapacity() {
    return Math.max(16, destinations.length + (destinations.length >> 1));
  }

  private void grow() {
    int capacity = grownCapacity();
    destinations = Arrays.copyOf(destinations, capacity);
    pointers = Arrays.copyOf(pointers, capacity);
    prefixes = Arrays.copyOf(prefixes, capacity);
    sorted = new int[capacity];
  }
}
