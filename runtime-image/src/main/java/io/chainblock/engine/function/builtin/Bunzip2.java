package io.chainblock.engine.function.builtin;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/** Decompresses each value, one or more concatenated bzip2 streams, keeping key and subkey. */
final class Bunzip2 extends PerRecordFunction {
  @Override
  public void record(Record record) {
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
