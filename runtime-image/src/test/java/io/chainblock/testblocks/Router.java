package io.chainblock.testblocks;

import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.record.Record;
import java.nio.charset.StandardCharsets;

/**
 * A Java block for tests: broadcasts every line starting with '!' (without the '!'), sends lines
 * containing "error" to the stream "errors", and every other line to the default stream keyed by
 * its first word.
 */
public final class Router implements BlockFunction {
  private Emitter out;

  @Override
  public void open(ShardContext context) {
    out = context.emitter();
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    return record -> {
      String line = record.valueString();
      if (line.startsWith("!")) {
        out.broadcast(Record.utf8(line.substring(1)), Record.EMPTY, Record.EMPTY);
      } else if (line.contains("error")) {
        out.emit("errors", Record.utf8(line), Record.EMPTY, Record.EMPTY);
      } else {
        String word = line.split(" ")[0];
        out.emit(word.getBytes(StandardCharsets.UTF_8), Record.EMPTY, Record.utf8(line));
      }
    };
  }
}
