package io.chainblock.engine.function.builtin;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * An exact running sum of decimal numbers given as bytes. Integers are added in a long; on
 * overflow, or at the first value with a fraction or an exponent, the sum moves to a BigDecimal
 * and keeps the largest scale seen ({@code 1.5 + 2.5} is {@code 4.0}). Spaces, tabs and carriage
 * returns around a number are ignored, so padded program output ({@code " 42"}) still adds up.
 */
final class DecimalSum {
  private static final int LONG_SAFE_DIGITS = 18;

  private long small;
  private BigDecimal big;

  void reset() {
    small = 0;
    big = null;
  }

  /** Adds the number in {@code value}; false, with the sum unchanged, when it is not a number. */
  boolean add(byte[] value) {
    int from = 0;
    int to = value.length;
    while (from < to && isBlank(value[from])) {
      from++;
    }
    while (to > from && isBlank(value[to - 1])) {
      to--;
    }
    int digitsFrom = from < to && (value[from] == '-' || value[from] == '+') ? from + 1 : from;
    int digits = to - digitsFrom;
    if (digits > 0 && digits <= LONG_SAFE_DIGITS) {
      long n = 0;
      int i = digitsFrom;
      while (i < to && value[i] >= '0' && value[i] <= '9') {
        n = n * 10 + (value[i++] - '0');
      }
      if (i == to) {
        addLong(value[from] == '-' ? -n : n);
        return true;
      }
    }
    return from < to && addDecimal(new String(value, from, to - from, StandardCharsets.US_ASCII));
  }

  private void addLong(long n) {
    if (big != null) {
      big = big.add(BigDecimal.valueOf(n));
      return;
    }
    long sum = small + n;
    if (((small ^ sum) & (n ^ sum)) < 0) {
      big = BigDecimal.valueOf(small).add(BigDecimal.valueOf(n));
    } else {
      small = sum;
    }
  }

  private boolean addDecimal(String text) {
    BigDecimal n;
    try {
      n = new BigDecimal(text);
    } catch (NumberFormatException notANumber) {
      return false;
    }
    big = (big != null ? big : BigDecimal.valueOf(small)).add(n);
    return true;
  }

  void add(DecimalSum other) {
    if (other.big != null) {
      big = (big != null ? big : BigDecimal.valueOf(small)).add(other.big);
    } else {
      addLong(other.small);
    }
  }

  byte[] result() {
    String text = big != null ? big.toPlainString() : Long.toString(small);
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }
}
