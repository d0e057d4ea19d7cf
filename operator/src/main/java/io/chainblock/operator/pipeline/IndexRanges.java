package io.chainblock.operator.pipeline;

/** The Job status's index lists: "1,3-5". */
final class IndexRanges {
  private IndexRanges() {}

  static int count(String ranges) {
    int count = 0;
    for (String part : ranges.split(",")) {
      if (!part.isBlank()) {
        int[] range = range(part);
        count += range[1] - range[0] + 1;
      }
    }
    return count;
  }

  static boolean contains(String ranges, int index) {
    for (String part : ranges.split(",")) {
      if (!part.isBlank()) {
        int[] range = range(part);
        if (index >= range[0] && index <= range[1]) {
          return true;
        }
      }
    }
    return false;
  }

  private static int[] range(String part) {
    int dash = part.indexOf('-');
    int from = Integer.parseInt((dash < 0 ? part : part.substring(0, dash)).trim());
    return new int[] {from, dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim())};
  }
}
