package io.chainblock.engine.function.builtin;

import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;

/**
 * A builtin that handles each record on its own, whatever its key: the function is its own key
 * handler, so a source block's one-key-per-line input costs no allocation per key.
 */
abstract class PerRecordFunction implements BlockFunction, KeyHandler {
  protected String block;
  protected Emitter emitter;

  @Override
  public void open(ShardContext context) {
    block = context.block();
    emitter = context.emitter();
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    return this;
  }
}
