package io.chainblock.engine.sort;

import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.record.Record;
import java.io.IOException;
import java.util.List;

/**
 * Combines the records of one key on the map side: at each spill and again when the spills are
 * merged, so it may see a key's records in several pieces and must accept its own output as
 * input. It writes records of the same key, in subkey order; the list holds one key's records of
 * one spill or merge, in memory.
 */
@FunctionalInterface
public interface GroupCombiner {
  void combine(byte[] key, List<Record> recordsInSubkeyOrder, RecordSink out) throws IOException;
}
