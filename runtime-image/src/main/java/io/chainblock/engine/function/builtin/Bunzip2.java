package io.chainblock.engine.function.builtin;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/** Decompresses each value, one or more concatenated bzip2 streams, keeping key and subkey. */
final class Bunzip2 implements BlockFunction {
  private final KeyHandler handler = this::decompress;
  private String block;
  private Emitter emitter;

  @Override
  public void open(ShardContext context) {
    block = context.block();
    emitter = context.emitter();
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    return handler;
  }

  private void decompress(Record record) {
    byte[] plain;
    try (BZip2CompressorInputStream in = new BZip2CompressorInputStream(new ByteArrayInputStream(record.value()), true)) {
      plain = in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      throw new UserCodeException("block " + block + ": bunzip2: the value of key " + Quote.of(record.key())
          + " (" + record.value().length + " bytes) is not bzip2 data: " + e.getMessage(), e);
    }
    emitter.emit(record.key(), record.subkey(), plain);
  }
}
