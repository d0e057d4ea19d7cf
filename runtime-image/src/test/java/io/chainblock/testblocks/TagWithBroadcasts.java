package io.chainblock.testblocks;

import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.record.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java block for tests: emits each record's value prefixed with every broadcast received so
 * far, which shows the broadcasts arrived before the data.
 */
public final class TagWithBroadcasts implements BlockFunction {
  private final List<String> broadcasts = new ArrayList<>();
  private Emitter out;

  @Override
  public void open(ShardContext context) {
    out = context.emitter();
  }

  @Override
  public void broadcast(Record record) {
    broadcasts.add(record.keyString());
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    return record -> out.emit(key, Record.EMPTY, Record.utf8(String.join("+", broadcasts) + ":" + record.valueString()));
  }
}
