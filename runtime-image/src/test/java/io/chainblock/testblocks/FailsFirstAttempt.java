package io.chainblock.testblocks;

import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Java block for tests: identity, except that the first attempt of every shard emits its
 * records and then fails with an I/O error, as a shard losing its storage halfway would.
 */
public final class FailsFirstAttempt implements BlockFunction {
  /** Shards that have failed once, across instances (each attempt gets a new instance). */
  public static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
  private Emitter out;
  private boolean failThisAttempt;

  @Override
  public void open(ShardContext context) {
    out = context.emitter();
    failThisAttempt = FAILED.add(context.pipeline() + "/" + context.block() + "/" + context.shard());
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    return out::emit;
  }

  @Override
  public void close() throws IOException {
    if (failThisAttempt) {
      throw new IOException("storage went away (injected by the test)");
    }
  }
}
