package io.chainblock.engine.record;

/**
 * The shard a key goes to: {@code FNV-1a-64(key bytes)} read as an unsigned 64-bit integer,
 * modulo the number of shards. FNV-1a 64: start at 0xcbf29ce484222325; for each byte,
 * {@code h ^= byte; h *= 0x100000001b3} (mod 2^64). It is the same in every process and
 * language, so a shard written by Java and one written by a streaming program agree.
 */
public final class Partitioner {
  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Partitioner() {}

  public static long hash(byte[] key) {
    return hash(key, 0, key.length);
  }

  public static long hash(byte[] key, int off, int len) {
    long h = OFFSET_BASIS;
    for (int i = off, end = off + len; i < end; i++) {
      h ^= key[i] & 0xff;
      h *= PRIME;
    }
    return h;
  }

  public static int partition(byte[] key, int shards) {
    return partition(hash(key), shards);
  }

  /** The shard of a key whose {@link #hash} is known, for a record routed to several blocks. */
  public static int partition(long hash, int shards) {
    return (int) Long.remainderUnsigned(hash, shards);
  }
}
