package io.chainblock.engine.function.builtin;

import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;

/** Re-emits every record unchanged; broadcasts are not data and are dropped. */
final class Identity implements BlockFunction {
  private Emitter emitter;
  private final KeyHandler handler = record -> emitter.emit(record);

  @Override
  public void open(ShardContext context) {
    emitter = context.emitter();
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    return handler;
  }
}
