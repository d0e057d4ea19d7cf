package io.chainblock.engine.function.builtin;

import io.chainblock.engine.record.Record;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the records whose value, read as UTF-8, contains a match of the pattern (or, inverted,
 * does not). ASCII values are matched through a view of their bytes, without decoding.
 */
final class Grep extends PerRecordFunction {
  private final Matcher matcher;
  private final boolean invert;
  private final AsciiView ascii = new AsciiView();

  Grep(Pattern pattern, boolean invert) {
    this.matcher = pattern.matcher("");
    this.invert = invert;
  }

  @Override
  public void record(Record record) {
    byte[] value = record.value();
    CharSequence text = AsciiView.isAscii(value) ? ascii.of(value) : new String(value, StandardCharsets.UTF_8);
    if (matcher.reset(text).find() != invert) {
      emitter.emit(record);
    }
  }

  /** ASCII bytes seen as chars; one instance is re-pointed at each value. */
  private static final class AsciiView implements CharSequence {
    private byte[] bytes;
    private int from;
    private int length;

    static boolean isAscii(byte[] bytes) {
      for (byte b : bytes) {
        if (b < 0) {
          return false;
        }
      }
      return true;
    }

    AsciiView of(byte[] bytes) {
      return view(bytes, 0, bytes.length);
    }

    private AsciiView view(byte[] bytes, int from, int length) {
      this.bytes = bytes;
      this.from = from;
      this.length = length;
      return this;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      return (char) bytes[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new AsciiView().view(bytes, from + start, end - start);
    }

    @Override
    public String toString() {
      return new String(bytes, from, length, StandardCharsets.US_ASCII);
    }
  }
}
