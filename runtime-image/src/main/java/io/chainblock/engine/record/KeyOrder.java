package io.chainblock.engine.record;

import io.chainblock.api.v1alpha1.SortSpec.SubkeyOrder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The order records reach a block in: keys as unsigned bytes, then subkeys in the block's
 * chosen order. Every writer sorts with the order of the block that will read the data.
 */
public enum KeyOrder {
  LEXICOGRAPHIC {
    @Override
    public int compareSubkeys(byte[] a, byte[] b) {
      return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int compareSubkeys(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
      return Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
    }
  },
  REVERSE {
    @Override
    public int compareSubkeys(byte[] a, byte[] b) {
      return Arrays.compareUnsigned(b, a);
    }

    @Override
    public int compareSubkeys(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
      return Arrays.compareUnsigned(b, bFrom, bTo, a, aFrom, aTo);
    }
  },
  /** Subkeys that are decimal numbers sort by value, before all others; the others sort as bytes. */
  NUMERIC {
    @Override
    public int compareSubkeys(byte[] a, byte[] b) {
      BigDecimal x = parse(a);
      BigDecimal y = parse(b);
      if (x != null && y != null) {
        int c = x.compareTo(y);
        return c != 0 ? c : Arrays.compareUnsigned(a, b);
      }
      if (x != null) {
        return -1;
      }
      if (y != null) {
        return 1;
      }
      return Arrays.compareUnsigned(a, b);
    }

    private BigDecimal parse(byte[] s) {
      if (s.length == 0 || s.length > 64) {
        return null;
      }
      long small = 0;
      int i = s[0] == '-' ? 1 : 0;
      boolean plainInteger = s.length > i && s.length - i <= 18;
      for (int j = i; plainInteger && j < s.length; j++) {
        int d = s[j] - '0';
        if (d < 0 || d > 9) {
          plainInteger = false;
        } else {
          small = small * 10 + d;
        }
      }
      if (plainInteger) {
        return BigDecimal.valueOf(i == 1 ? -small : small);
      }
      try {
        return new BigDecimal(new String(s, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  };

  public abstract int compareSubkeys(byte[] a, byte[] b);

  /** Compares subkeys held in slices of larger arrays, as the map-side sort buffer keeps them. */
  public int compareSubkeys(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    return compareSubkeys(Arrays.copyOfRange(a, aFrom, aTo), Arrays.copyOfRange(b, bFrom, bTo));
  }

  public int compare(byte[] keyA, byte[] subkeyA, byte[] keyB, byte[] subkeyB) {
    int c = Arrays.compareUnsigned(keyA, keyB);
    return c != 0 ? c : compareSubkeys(subkeyA, subkeyB);
  }

  public static KeyOrder of(SubkeyOrder order) {
    if (order == null) {
      return LEXICOGRAPHIC;
    }
    return switch (order) {
      case LEXICOGRAPHIC -> LEXICOGRAPHIC;
      case NUMERIC -> NUMERIC;
      case REVERSE -> REVERSE;
    };
  }
}
