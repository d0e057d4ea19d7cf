package io.chainblock.engine.plan;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders field paths as they appear in the file: {@code blocks[2]} before {@code blocks[10]}. */
final class FieldOrder implements Comparator<String> {
  static final FieldOrder INSTANCE = new FieldOrder();
  private static final Pattern PART = Pattern.compile("\\d+|\\D+");

  @Override
  public int compare(String a, String b) {
    Matcher left = PART.matcher(a);
    Matcher right = PART.matcher(b);
    while (left.find()) {
      if (!right.find()) {
        return 1;
      }
      String l = left.group();
      String r = right.group();
      boolean numbers = Character.isDigit(l.charAt(0)) && Character.isDigit(r.charAt(0));
      int order = numbers ? new BigInteger(l).compareTo(new BigInteger(r)) : l.compareTo(r);
      if (order != 0) {
        return order;
      }
    }
    return right.find() ? -1 : 0;
  }
}
