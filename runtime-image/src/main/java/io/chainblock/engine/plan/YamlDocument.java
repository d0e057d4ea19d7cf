package io.chainblock.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One document of a multi-document YAML file, as text the size of the whole file in which every
 * line outside the document is blank. Parsing it alone therefore reports the line and column of
 * the file, which is what error messages must show.
 */
record YamlDocument(String text, int firstLine) {
  private static final Pattern MARKER = Pattern.compile("^(---|\\.\\.\\.)(?=\\s|$)");

  static List<YamlDocument> split(String yaml) {
    String[] lines = yaml.split("\r?\n", -1);
    List<YamlDocument> documents = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= lines.length; i++) {
      if (i == lines.length || MARKER.matcher(lines[i]).find()) {
        if (i > start || i == lines.length) {
          documents.add(of(lines, start, i));
        }
        start = i;
      }
    }
    return documents;
  }

  private static YamlDocument of(String[] lines, int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i >= from && i < to) {
        String line = lines[i];
        // A marker may share its line with content ("--- {a: 1}"); spaces keep the columns.
        text.append(i == from ? MARKER.matcher(line).replaceFirst("   ") : line);
      }
      text.append('\n');
    }
    return new YamlDocument(text.toString(), from + 1);
  }
}
