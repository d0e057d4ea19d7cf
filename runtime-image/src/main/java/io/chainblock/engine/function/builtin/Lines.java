package io.chainblock.engine.function.builtin;

import io.chainblock.engine.record.Record;
import java.util.Arrays;

/**
 * Splits each value into one record per line: the key is kept, the subkey is the line's index
 * as 10 zero-padded digits (so subkey order is line order), the value is the line without its
 * {@code '\n'}. A final {@code '\n'} ends the last line rather than starting an empty one; an
 * empty value is one empty line.
 */
final class Lines extends PerRecordFunction {
  private static final int INDEX_DIGITS = 10;
  private static final byte[] FIRST_INDEX = index(0);

  @Override
  public void record(Record record) {
    byte[] value = record.value();
    if (value.length == 0) {
      emitter.emit(record.key(), FIRST_INDEX, value);
      return;
    }
    long index = 0;
    for (int start = 0; start < value.length; index++) {
      int end = indexOfNewline(value, start);
      if (end < 0) {
        end = value.length;
      }
      byte[] line = start == 0 && end == value.length ? value : Arrays.copyOfRange(value, start, end);
      emitter.emit(record.key(), index == 0 ? FIRST_INDEX : index(index), line);
      start = end + 1;
    }
  }

  private static int indexOfNewline(byte[] value, int from) {
    for (int i = from; i < value.length; i++) {
      if (value[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] index(long i) {
    byte[] digits = new byte[INDEX_DIGITS];
    for (int d = INDEX_DIGITS - 1; d >= 0; d--) {
      digits[d] = (byte) ('0' + i % 10);
      i /= 10;
    }
    return digits;
  }
}
