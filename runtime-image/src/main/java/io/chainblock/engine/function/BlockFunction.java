package io.chainblock.engine.function;

import io.chainblock.engine.record.Record;

/**
 * The code a block runs, once per shard. Order of calls: {@link #open}, every broadcast record
 * ({@link #broadcast}), then for each key in key order {@link #startKey} and the returned
 * handler's records and {@code finish}, and last {@link #close}. Output goes to
 * {@link ShardContext#emitter()}.
 *
 * <p>A source block sees one key per input record (the record's byte offset in its Disk), so
 * stateless functions should return a shared handler from {@code startKey}.
 */
public interface BlockFunction {
  default void open(ShardContext context) throws Exception {}

  /** A record broadcast to this block; all of them arrive before the first key. */
  default void broadcast(Record record) throws Exception {}

  KeyHandler startKey(byte[] key) throws Exception;

  default void close() throws Exception {}

  /**
   * Called instead of {@link #close} when the shard fails elsewhere: release everything now
   * (kill child processes), without finishing the output.
   */
  default void abort() {}
}
