package io.chainblock.engine.function;

import io.chainblock.engine.record.Record;

/** The item that handles one key: it receives the key's records in subkey order, then is finished. */
public interface KeyHandler {
  void record(Record record) throws Exception;

  /** Called once after the key's last record. */
  default void finish() throws Exception {}
}
