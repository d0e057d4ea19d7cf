package io.chainblock.engine.function;

import io.chainblock.engine.record.Record;

/**
 * Where a block function sends its records. The engine keeps the arrays it is given (it does not
 * copy them), so an array must not be changed after it has been emitted.
 */
public interface Emitter {
  /** The stream a block's consumers read when they name the block without a {@code .stream}. */
  String DEFAULT_STREAM = "";

  /** Sends a record to the shard {@code partition(key) mod shards} of every block reading {@code stream}. */
  void emit(String stream, byte[] key, byte[] subkey, byte[] value);

  /** Sends a record to every shard of every block reading {@code stream}, ahead of their data. */
  void broadcast(String stream, byte[] key, byte[] subkey, byte[] value);

  default void emit(byte[] key, byte[] subkey, byte[] value) {
    emit(DEFAULT_STREAM, key, subkey, value);
  }

  default void emit(Record record) {
    emit(DEFAULT_STREAM, record.key(), record.subkey(), record.value());
  }

  default void broadcast(byte[] key, byte[] subkey, byte[] value) {
    broadcast(DEFAULT_STREAM, key, subkey, value);
  }
}
