package io.chainblock.engine.function.builtin;

import io.chainblock.engine.record.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Compresses each value into one complete bzip2 stream (900 kB blocks), keeping key and subkey.
 * Complete streams concatenate into a valid multi-stream file, which is how the dbzip2 case
 * writes its blocks back in order.
 */
final class Bzip2 extends PerRecordFunction {
  private static final int BLOCK_SIZE_100K = 9;

  @Override
  public void record(Record record) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(record.value().length / 4 + 64);
    try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(compressed, BLOCK_SIZE_100K)) {
      out.write(record.value());
    }
    emitter.emit(record.key(), record.subkey(), compressed.toByteArray());
  }
}
