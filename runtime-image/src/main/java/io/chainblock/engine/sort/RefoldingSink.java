package io.chainblock.engine.sort;

import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.record.Record;
import java.io.IOException;
import java.util.Arrays;

/**
 * Folds the partial results that several spills hold for one key into one record. A spill keeps
 * only a partial result's bytes, so they are folded by {@code add}ing them to a fresh
 * accumulator: a folding combiner must accept its own results as values (sum does; a count must
 * be expressed as a sum of ones). A key seen once passes through untouched.
 */
final class RefoldingSink implements RecordSink {
  private final FoldingCombiner combiner;
  private final RecordSink out;
  private byte[] key;
  private byte[] firstValue;
  private FoldingCombiner.Accumulator accumulator;

  RefoldingSink(FoldingCombiner combiner, RecordSink out) {
    this.combiner = combiner;
    this.out = out;
  }

  @Override
  public void write(byte[] key, byte[] subkey, byte[] value) throws IOException {
    if (this.key != null && Arrays.equals(this.key, key)) {
      if (accumulator == null) {
        accumulator = combiner.newAccumulator();
        accumulator.add(firstValue);
      }
      accumulator.add(value);
      return;
    }
    writeKey();
    this.key = key;
    firstValue = value;
  }

  @Override
  public void close() throws IOException {
    try (out) {
      writeKey();
    }
  }

  private void writeKey() throws IOException {
    if (key != null) {
      out.write(key, Record.EMPTY, accumulator == null ? firstValue : accumulator.result());
    }
    key = null;
    firstValue = null;
    accumulator = null;
  }
}
