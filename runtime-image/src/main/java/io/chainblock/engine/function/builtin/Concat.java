package io.chainblock.engine.function.builtin;

import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Emits {@code (key, "", the key's values joined by the separator)}, in the order they arrive (subkey order). */
final class Concat implements BlockFunction {
  private final byte[] separator;
  private final KeyJoin handler = new KeyJoin();
  private Emitter emitter;

  Concat(byte[] separator) {
    this.separator = separator;
  }

  /**
   * The separator arg with {@code \n}, {@code \t} and {@code \\} turned into newline, tab and
   * backslash, so a single-quoted YAML string can hold them; any other backslash is literal.
   */
  static byte[] separator(String arg) {
    StringBuilder out = new StringBuilder(arg.length());
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      char next = i + 1 < arg.length() ? arg.charAt(i + 1) : 0;
      if (c == '\\' && (next == 'n' || next == 't' || next == '\\')) {
        out.append(next == 'n' ? '\n' : next == 't' ? '\t' : '\\');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void open(ShardContext context) {
    emitter = context.emitter();
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    handler.key = key;
    handler.joined.reset();
    handler.first = true;
    return handler;
  }

  private final class KeyJoin implements KeyHandler {
    private final ByteArrayOutputStream joined = new ByteArrayOutputStream();
    private byte[] key;
    private boolean first;

    @Override
    public void record(Record record) {
      if (!first) {
        joined.writeBytes(separator);
      }
      first = false;
      joined.writeBytes(record.value());
    }

    @Override
    public void finish() {
      emitter.emit(key, Record.EMPTY, joined.toByteArray());
    }
  }
}
