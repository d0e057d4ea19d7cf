package io.chainblock.engine.function;

/**
 * A combiner that folds one key's values one at a time into a single value, ignoring subkeys.
 * The map side uses it to combine in a hash table as records are emitted, instead of sorting
 * every record first; its result record is {@code (key, "", result)}.
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
