package io.chainblock.engine.function;

/**
 * A combiner that folds one key's values one at a time into a single value, ignoring subkeys.
 * The map side uses it to combine in a hash table as records are emitted, instead of sorting
 * every record first; its result record is {@code (key, "", result)}.
 *
 * <p>A spill keeps only a partial result's bytes, so partial results are folded again by
 * {@code add(partialResult)}: a combiner's result must be valid input for itself (a sum is; a
 * count must be written as a sum of ones).
 */
public interface FoldingCombiner {
  Accumulator newAccumulator();

  interface Accumulator {
    void add(byte[] value);

    /** Folds in another accumulator's partial result (two spills of the same key). */
    void merge(Accumulator other);

    byte[] result();
  }
}
