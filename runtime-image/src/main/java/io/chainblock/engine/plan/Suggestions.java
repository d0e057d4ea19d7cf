package io.chainblock.engine.plan;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for a misspelt name: the closest known name within a few edits. */
final class Suggestions {
  private Suggestions() {}

  /** The known name closest to {@code typed}, if it is close enough to be a likely typo. */
  static Optional<String> closest(String typed, Collection<String> known) {
    int allowed = typed.length() <= 3 ? 1 : typed.length() <= 6 ? 2 : 3;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(typed.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** "; did you mean 'x'?" or nothing, ready to append to a message. */
  static String didYouMean(String typed, Collection<String> known) {
    return closest(typed, known).map(name -> "; did you mean '" + name + "'?").orElse("");
  }

  // Optimal string alignment distance: a swap of two neighbours ("spilt") counts as one edit.
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
