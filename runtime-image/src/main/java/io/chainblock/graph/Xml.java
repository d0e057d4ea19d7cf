package io.chainblock.graph;

/** Escapes text for XML content and attribute values. */
final class Xml {
  private Xml() {}

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        default -> {
          // Control characters other than tab and newline are not allowed in XML 1.0 at all.
          if (c < 0x20 && c != '\t' && c != '\n') {
            escaped.append('?');
          } else {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }
}
