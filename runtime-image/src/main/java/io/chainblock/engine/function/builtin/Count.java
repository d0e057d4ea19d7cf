package io.chainblock.engine.function.builtin;

import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.record.Record;
import java.nio.charset.StandardCharsets;

/** Emits {@code (key, "", number of records)} per key. */
final class Count implements BlockFunction {
  private final KeyCount handler = new KeyCount();
  private Emitter emitter;

  @Override
  public void open(ShardContext context) {
    emitter = context.emitter();
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    handler.key = key;
    handler.records = 0;
    return handler;
  }

  /** Keys arrive one after another, so one handler is reused for all of them. */
  private final class KeyCount implements KeyHandler {
    private byte[] key;
    private long records;

    @Override
    public void record(Record record) {
      records++;
    }

    @Override
    public void finish() {
      emitter.emit(key, Record.EMPTY, Long.toString(records).getBytes(StandardCharsets.US_ASCII));
    }
  }
}
