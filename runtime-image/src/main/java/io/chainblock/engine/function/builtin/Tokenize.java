package io.chainblock.engine.function.builtin;

import io.chainblock.engine.record.Record;
import java.nio.charset.StandardCharsets;

/**
 * Emits {@code (word, "", "1")} for each word of each value. A word is a maximal run of letters
 * or digits, lower-cased. ASCII text is scanned as bytes; from the first non-ASCII byte on, the
 * rest of the value is decoded as UTF-8 and judged by {@link Character#isLetterOrDigit(int)} and
 * lower-cased code point by code point with {@link Character#toLowerCase(int)} (no locale rules,
 * so {@code "STRASSE"} and {@code "straße"} stay different words).
 */
final class Tokenize extends PerRecordFunction {
  private static final byte[] ONE = {'1'};
  /** For each ASCII byte, its lower-case form if it is a letter or digit, else 0. */
  private static final byte[] ASCII_WORD_BYTE = new byte[128];

  static {
    for (int c = '0'; c <= '9'; c++) {
      ASCII_WORD_BYTE[c] = (byte) c;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      ASCII_WORD_BYTE[c] = (byte) c;
      ASCII_WORD_BYTE[c - 'a' + 'A'] = (byte) c;
    }
  }

  @Override
  public void record(Record record) {
    byte[] text = record.value();
    int wordStart = -1;
    for (int i = 0; i < text.length; i++) {
      byte b = text[i];
      if (b < 0) {
        tokenizeUnicode(text, wordStart >= 0 ? wordStart : i);
        return;
      }
      if (ASCII_WORD_BYTE[b] != 0) {
        if (wordStart < 0) {
          wordStart = i;
        }
      } else if (wordStart >= 0) {
        emitAsciiWord(text, wordStart, i);
        wordStart = -1;
      }
    }
    if (wordStart >= 0) {
      emitAsciiWord(text, wordStart, text.length);
    }
  }

  private void emitAsciiWord(byte[] text, int from, int to) {
    byte[] word = new byte[to - from];
    for (int i = from; i < to; i++) {
      word[i - from] = ASCII_WORD_BYTE[text[i]];
    }
    emitter.emit(word, Record.EMPTY, ONE);
  }

  /** {@code from} is a character boundary: it is either a word start or the first non-ASCII byte. */
  private void tokenizeUnicode(byte[] text, int from) {
    String rest = new String(text, from, text.length - from, StandardCharsets.UTF_8);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < rest.length(); ) {
      int c = rest.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c)) {
        word.appendCodePoint(Character.toLowerCase(c));
      } else if (!word.isEmpty()) {
        emitUnicodeWord(word);
      }
    }
    if (!word.isEmpty()) {
      emitUnicodeWord(word);
    }
  }

  private void emitUnicodeWord(StringBuilder word) {
    emitter.emit(word.toString().getBytes(StandardCharsets.UTF_8), Record.EMPTY, ONE);
    word.setLength(0);
  }
}
