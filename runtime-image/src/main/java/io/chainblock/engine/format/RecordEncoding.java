package io.chainblock.engine.format;

/**
 * The bytes of one record inside a run block: the lengths of key, subkey and value as unsigned
 * LEB128 varints, then the three fields. Lengths always use the shortest encoding, so the size
 * of a varint follows from its value.
 */
public final class RecordEncoding {
  private RecordEncoding() {}

  public static int encodedSize(byte[] key, byte[] subkey, byte[] value) {
    return varintSize(key.length) + varintSize(subkey.length) + varintSize(value.length)
        + key.length + subkey.length + value.length;
  }

  /** Writes the record at {@code pos} and returns the position after it. */
  public static int encode(byte[] dst, int pos, byte[] key, byte[] subkey, byte[] value) {
    pos = writeVarint(dst, pos, key.length);
    pos = writeVarint(dst, pos, subkey.length);
    pos = writeVarint(dst, pos, value.length);
    System.arraycopy(key, 0, dst, pos, key.length);
    pos += key.length;
    System.arraycopy(subkey, 0, dst, pos, subkey.length);
    pos += subkey.length;
    System.arraycopy(value, 0, dst, pos, value.length);
    return pos + value.length;
  }

  public static int varintSize(int value) {
    return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
  }

  public static int writeVarint(byte[] dst, int pos, int value) {
    while ((value & ~0x7f) != 0) {
      dst[pos++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    dst[pos++] = (byte) value;
    return pos;
  }

  /**
   * Reads the varint at {@code pos}; -1 when it runs past {@code limit}, is longer than five
   * bytes or does not fit a non-negative int.
   */
  public static int readVarint(byte[] src, int pos, int limit) {
    int value = 0;
    for (int shift = 0; shift < 35 && pos < limit; shift += 7) {
      int b = src[pos++];
      if (shift == 28 && (b & 0xff) > 7) {
        return -1;
      }
      value |= (b & 0x7f) << shift;
      if (b >= 0) {
        return shift == 0 || b != 0 ? value : -1;
      }
    }
    return -1;
  }
}
