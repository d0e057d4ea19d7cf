package io.chainblock.engine.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record: key, subkey and value as raw bytes. The arrays are never copied, so a record must
 * not be changed after it is handed on.
 */
public record Record(byte[] key, byte[] subkey, byte[] value) {
  public static final byte[] EMPTY = new byte[0];

  public static Record of(String key, String subkey, String value) {
    return new Record(utf8(key), utf8(subkey), utf8(value));
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public String keyString() {
    return new String(key, StandardCharsets.UTF_8);
  }

  public String subkeyString() {
    return new String(subkey, StandardCharsets.UTF_8);
  }

  public String valueString() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Record r && Arrays.equals(key, r.key) && Arrays.equals(subkey, r.subkey)
        && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(subkey)) + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "(" + keyString() + ", " + subkeyString() + ", " + valueString() + ")";
  }
}
