package io.chainblock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Word counts two ways: from the independent {@code tr | sort | uniq -c}, and from a word-count output. */
public final class WordCounts {
  private WordCounts() {}

  /** word -> count of a file or a directory's files, by {@code tr | sort | uniq -c}. */
  public static Map<String, Long> uniqC(Path input) throws Exception {
    String files = input.toFile().isDirectory() ? Shell.quote(input) + "/*" : Shell.quote(input);
    String counted = Shell.text("cat " + files + " | LC_ALL=C tr -cs 'A-Za-z0-9' '\\n' | LC_ALL=C tr 'A-Z' 'a-z'"
        + " | grep -v '^$' | LC_ALL=C sort | uniq -c");
    Map<String, Long> counts = new TreeMap<>();
    for (String line : counted.split("\n")) {
      String[] f = line.trim().split(" ");
      counts.put(f[1], Long.parseLong(f[0]));
    }
    return counts;
  }

  /** word -> count of {@code word<TAB>count} lines; a word on two lines (two parts) fails the test. */
  public static Map<String, Long> fromTsv(List<String> lines) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      String[] f = line.split("\t");
      assertThat(counts.put(f[0], Long.parseLong(f[1]))).as("word %s appears in one part only", f[0]).isNull();
    }
    return counts;
  }
}
