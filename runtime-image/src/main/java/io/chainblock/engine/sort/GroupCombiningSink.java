package io.chainblock.engine.sort;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Collects each key group of a sorted stream and hands it to a {@link GroupCombiner}. The
 * combiner's output is checked, because a combiner that changes the key or the subkey order
 * would silently break the sort every reader relies on.
 */
final class GroupCombiningSink implements RecordSink {
  private final GroupCombiner combiner;
  private final KeyOrder order;
  private final RecordSink out;
  private final List<Record> group = new ArrayList<>();
  private final RecordSink checked = new CheckedOutput();
  private byte[] groupKey;
  private byte[] lastSubkey;

  GroupCombiningSink(GroupCombiner combiner, KeyOrder order, RecordSink out) {
    this.combiner = combiner;
    this.order = order;
    this.out = out;
  }

  @Override
  public void write(byte[] key, byte[] subkey, byte[] value) throws IOException {
    if (groupKey != null && !Arrays.equals(groupKey, key)) {
      combineGroup();
    }
    groupKey = key;
    group.add(new Record(key, subkey, value));
  }

  @Override
  public void close() throws IOException {
    try (out) {
      if (groupKey != null) {
        combineGroup();
      }
    }
  }

  private void combineGroup() throws IOException {
    lastSubkey = null;
    combiner.combine(groupKey, group, checked);
    group.clear();
    groupKey = null;
  }

  /** What the combiner writes to; closing it is left to this sink. */
  private final class CheckedOutput implements RecordSink {
    @Override
    public void write(byte[] key, byte[] subkey, byte[] value) throws IOException {
      if (!Arrays.equals(key, groupKey)) {
        throw new UserCodeException("the combiner wrote key \"" + text(key)
            + "\" while combining key \"" + text(groupKey) + "\": a combiner must keep the key");
      }
      if (lastSubkey != null && order.compareSubkeys(lastSubkey, subkey) > 0) {
        throw new UserCodeException("the combiner wrote subkey \"" + text(subkey) + "\" after \""
            + text(lastSubkey) + "\" for key \"" + text(key)
            + "\": a combiner must write subkeys in " + order.name().toLowerCase(Locale.ROOT) + " order");
      }
      lastSubkey = subkey;
      out.write(key, subkey, value);
    }

    @Override
    public void close() {}
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
