package io.chainblock.engine.function.builtin;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.record.Record;

/** Emits {@code (key, "", sum of the key's values)}; see {@link DecimalSum} for the arithmetic. */
final class Sum implements BlockFunction {
  private final KeySum handler = new KeySum();
  private String block;
  private Emitter emitter;

  @Override
  public void open(ShardContext context) {
    block = context.block();
    emitter = context.emitter();
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    handler.key = key;
    handler.sum.reset();
    return handler;
  }

  private final class KeySum implements KeyHandler {
    private final DecimalSum sum = new DecimalSum();
    private byte[] key;

    @Override
    public void record(Record record) {
      if (!sum.add(record.value())) {
        throw new UserCodeException("block " + block + ": sum: the value " + Quote.of(record.value()) + " of key "
            + Quote.of(key) + " is not a decimal number");
      }
    }

    @Override
    public void finish() {
      emitter.emit(key, Record.EMPTY, sum.result());
    }
  }

  /**
   * The same sum folded on the map side. Its accumulator does not know the block or the key, so
   * its error names the value only; the caller adds where it happened.
   */
  static final class Combiner implements FoldingCombiner {
    @Override
    public Accumulator newAccumulator() {
      return new SumAccumulator();
    }
  }

  private static final class SumAccumulator implements FoldingCombiner.Accumulator {
    private final DecimalSum sum = new DecimalSum();

    @Override
    public void add(byte[] value) {
      if (!sum.add(value)) {
        throw new UserCodeException("sum: the value " + Quote.of(value) + " is not a decimal number");
      }
    }

    @Override
    public void merge(FoldingCombiner.Accumulator other) {
      sum.add(((SumAccumulator) other).sum);
    }

    @Override
    public byte[] result() {
      return sum.result();
    }
  }
}
