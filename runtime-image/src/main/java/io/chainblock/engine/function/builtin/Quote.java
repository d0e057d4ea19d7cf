package io.chainblock.engine.function.builtin;

import java.nio.charset.StandardCharsets;

/** Bytes shown in an error message: as UTF-8 in double quotes, cut after a readable length. */
final class Quote {
  private static final int MAX_CHARS = 200;

  private Quote() {}

  static String of(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, MAX_CHARS * 4), StandardCharsets.UTF_8);
    return "\"" + (text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text) + "\"";
  }
}
