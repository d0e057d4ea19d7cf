package io.chainblock.engine.sort;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes appended into large pages, addressed by a long pointer (page index in the high half,
 * offset in the low half). A handful of big arrays instead of one object per record keeps the
 * map-side buffer compact and cheap for the garbage collector. Pages are kept across
 * {@link #clear()} so a shard that spills many times allocates its buffer once.
 */
final class PageArena {
  private final int pageSize;
  private final List<byte[]> pages = new ArrayList<>();
  private int current = -1;
  private int used;
  private long allocatedBytes;

  PageArena(int pageSize) {
    this.pageSize = pageSize;
  }

  /** Reserves {@code size} contiguous bytes and returns their pointer. */
  long allocate(int size) {
    if (current < 0 || used + size > pages.get(current).length) {
      if (size > pageSize) {
        pages.add(current + 1, new byte[size]);
        allocatedBytes += size;
      } else if (current + 1 == pages.size()) {
        pages.add(new byte[pageSize]);
        allocatedBytes += pageSize;
      }
      current++;
      used = 0;
    }
    long pointer = (long) current << 32 | used;
    used += size;
    return pointer;
  }

  /** How many more bytes the arena would hold after {@link #allocate}{@code (size)}. */
  long growthFor(int size) {
    if (current >= 0 && used + size <= pages.get(current).length) {
      return 0;
    }
    if (size > pageSize) {
      return size;
    }
    return current + 1 < pages.size() ? 0 : pageSize;
  }

  byte[] page(long pointer) {
    return pages.get((int) (pointer >>> 32));
  }

  static int offset(long pointer) {
    return (int) pointer;
  }

  long allocatedBytes() {
    return allocatedBytes;
  }

  /** Forgets the contents; regular pages stay allocated for reuse, oversized ones are dropped. */
  void clear() {
    pages.removeIf(page -> page.length != pageSize);
    allocatedBytes = (long) pages.size() * pageSize;
    current = -1;
    used = 0;
  }
}
