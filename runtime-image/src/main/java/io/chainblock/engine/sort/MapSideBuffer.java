package io.chainblock.engine.sort;

import java.io.IOException;

/** Where a shard's emitted records wait, in memory, until they are spilled or written. */
interface MapSideBuffer {
  /** The memory the buffer would hold after adding this record, to spill before passing the budget. */
  long memoryAfterAdding(byte[] key, byte[] subkey, byte[] value);

  void add(int destination, byte[] key, byte[] subkey, byte[] value);

  boolean isEmpty();

  /** Writes everything in (destination, key, subkey) order, combined if the buffer combines. */
  void writeSorted(DestinationSink out) throws IOException;

  /** Empties the buffer, keeping its memory for reuse. */
  void clear();
}
