package io.chainblock.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.format.Codec;
import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.format.RunsForTests;
import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Partitioner;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShuffleWriterTest {
  private static final long PLENTY = 64L << 20;
  private static final long TINY = 16 << 10;

  @TempDir Path spillDir;

  @Test
  void sortsKeysAsUnsignedBytesAndSubkeysInEachDestinationsOrder() throws IOException {
    IntFunction<KeyOrder> orders =
        d -> d == 0 ? KeyOrder.NUMERIC : d == 1 ? KeyOrder.REVERSE : KeyOrder.LEXICOGRAPHIC;
    Shuffle shuffle = new Shuffle(config(3, orders, PLENTY, 64, null, null));
    for (String subkey : List.of("10", "9", "-1", "x", "1.5", "")) {
      shuffle.add(0, Record.of("k", subkey, ""));
      shuffle.add(1, Record.of("k", subkey, ""));
    }
    shuffle.add(2, new Record(new byte[] {(byte) 0xff}, Record.EMPTY, Record.EMPTY));
    shuffle.add(2, Record.of("z", "", ""));
    shuffle.add(2, Record.of("", "", ""));
    shuffle.add(2, Record.of("za", "", ""));
    shuffle.finish();

    assertThat(shuffle.output(0)).extracting(Record::subkeyString)
        .containsExactly("-1", "1.5", "9", "10", "", "x");
    assertThat(shuffle.output(1)).extracting(Record::subkeyString)
        .containsExactly("x", "9", "10", "1.5", "-1", "");
    assertThat(shuffle.output(2)).extracting(r -> r.key().length == 1 && r.key()[0] == -1
        ? "0xff" : r.keyString()).containsExactly("", "z", "za", "0xff");
  }

  @Test
  void spillingManyTimesGivesByteIdenticalOutput() throws IOException {
    List<Record> records = randomRecords(new Random(17), 20_000);
    Shuffle inMemory = shuffle(records, config(4, d -> KeyOrder.NUMERIC, PLENTY, 64, null, null));
    Shuffle spilled = shuffle(records, config(4, d -> KeyOrder.NUMERIC, TINY, 3, null, null));

    assertThat(inMemory.writer.stats().spills()).isZero();
    assertThat(spilled.writer.stats().spills()).isGreaterThan(20);
    for (int d = 0; d < 4; d++) {
      assertThat(spilled.bytes(d)).isEqualTo(inMemory.bytes(d));
      assertThat(spilled.output(d)).isEqualTo(expectedSort(records, 4, d, KeyOrder.NUMERIC));
    }
    assertThat(spillDir).isEmptyDirectory();
  }

  @Test
  void reportsWhatItDid() throws IOException {
    List<Record> records = randomRecords(new Random(5), 5_000);
    Shuffle shuffle = shuffle(records, config(3, d -> KeyOrder.LEXICOGRAPHIC, TINY, 4, null,
        null));
    ShuffleWriter.Stats stats = shuffle.writer.stats();

    assertThat(stats.recordsIn()).isEqualTo(records.size());
    assertThat(stats.recordsOut()).isEqualTo(records.size());
    assertThat(stats.spills()).isPositive();
    assertThat(stats.spilledBytes()).isPositive();
    for (int d = 0; d < 3; d++) {
      assertThat(stats.bytesWrittenPerDestination()[d]).isEqualTo(shuffle.bytes(d).length);
    }
    assertThat(stats.bytesWritten())
        .isEqualTo(shuffle.bytes(0).length + shuffle.bytes(1).length + shuffle.bytes(2).length);
  }

  @Test
  void writesOnlyDestinationsThatReceivedRecords() throws IOException {
    Shuffle shuffle = new Shuffle(config(5, d -> KeyOrder.LEXICOGRAPHIC, PLENTY, 64, null, null));
    shuffle.add(3, Record.of("a", "", "1"));
    shuffle.finish();
    assertThat(shuffle.outputs.keySet()).containsExactly(3);
  }

  @Test
  void foldsEqualKeysAcrossSpillsIntoOneRecord() throws IOException {
    Random random = new Random(23);
    Map<String, Long> sums = new TreeMap<>();
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      String word = "w" + random.nextInt(2_000);
      int n = random.nextInt(5);
      records.add(Record.of(word, "ignored", Integer.toString(n)));
      sums.merge(word, (long) n, Long::sum);
    }
    for (long budget : new long[] {PLENTY, TINY}) {
      Shuffle shuffle = shuffle(records,
          config(2, d -> KeyOrder.LEXICOGRAPHIC, budget, 2, new SumCombiner(), null));
      Map<String, Long> folded = new TreeMap<>();
      for (int d = 0; d < 2; d++) {
        List<Record> output = shuffle.output(d);
        assertThat(output).isSortedAccordingTo(SortedMergeTest.recordOrder(KeyOrder.LEXICOGRAPHIC));
        for (Record r : output) {
          assertThat(r.subkey()).isEmpty();
          assertThat(folded.put(r.keyString(), Long.parseLong(r.valueString()))).isNull();
        }
      }
      assertThat(folded).isEqualTo(sums);
      assertThat(shuffle.writer.stats().recordsOut()).isEqualTo(sums.size());
      assertThat(shuffle.writer.stats().spills() > 0).isEqualTo(budget == TINY);
    }
    assertThat(spillDir).isEmptyDirectory();
  }

  @Test
  void appliesTheGroupCombinerAtSpillsAndAtTheMerge() throws IOException {
    Random random = new Random(29);
    List<Record> records = new ArrayList<>();
    Map<String, Integer> maxima = new TreeMap<>();
    for (int i = 0; i < 20_000; i++) {
      String key = "k" + random.nextInt(300);
      int n = random.nextInt(1_000_000);
      records.add(Record.of(key, Integer.toString(n), ""));
      maxima.merge(key, n, Math::max);
    }
    GroupCombiner keepLargest = (key, group, out) -> {
      Record last = group.get(group.size() - 1);
      out.write(key, last.subkey(), last.value());
    };
    for (long budget : new long[] {PLENTY, TINY}) {
      Shuffle shuffle = shuffle(records,
          config(1, d -> KeyOrder.NUMERIC, budget, 3, null, keepLargest));
      Map<String, Integer> result = new TreeMap<>();
      for (Record r : shuffle.output(0)) {
        assertThat(result.put(r.keyString(), Integer.parseInt(r.subkeyString()))).isNull();
      }
      assertThat(result).isEqualTo(maxima);
    }
    assertThat(spillDir).isEmptyDirectory();
  }

  @Test
  void aCombinerThatChangesTheKeyIsAUserError() throws IOException {
    GroupCombiner renaming = (key, group, out) -> out.write(Record.utf8("other"), Record.EMPTY,
        Record.EMPTY);
    Shuffle shuffle = new Shuffle(config(1, d -> KeyOrder.LEXICOGRAPHIC, PLENTY, 2, null,
        renaming));
    shuffle.add(0, Record.of("k", "", ""));
    assertThatThrownBy(shuffle::finish).isInstanceOf(UserCodeException.class)
        .hasMessageContaining("\"other\"").hasMessageContaining("\"k\"");
  }

  @Test
  void closeRemovesSpillsOfAnUnfinishedWriter() throws IOException {
    try (ShuffleWriter writer = new ShuffleWriter(
        config(2, d -> KeyOrder.LEXICOGRAPHIC, TINY, 2, null, null))) {
      for (Record r : randomRecords(new Random(1), 3_000)) {
        writer.add(Partitioner.partition(r.key(), 2), r.key(), r.subkey(), r.value());
      }
      assertThat(writer.stats().spills()).isPositive();
    }
    assertThat(spillDir).isEmptyDirectory();
  }

  @Test
  void rejectsTwoCombiners() {
    assertThatThrownBy(() -> config(1, d -> KeyOrder.LEXICOGRAPHIC, PLENTY, 2,
        new SumCombiner(), (key, group, out) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private ShuffleWriter.Config config(int destinations, IntFunction<KeyOrder> orders,
      long budget, int fanIn, FoldingCombiner folding, GroupCombiner group) {
    return new ShuffleWriter.Config(destinations, orders, budget, spillDir, Codec.LZ4, fanIn,
        folding, group);
  }

  private static Shuffle shuffle(List<Record> records, ShuffleWriter.Config config)
      throws IOException {
    Shuffle shuffle = new Shuffle(config);
    for (Record r : records) {
      shuffle.add(Partitioner.partition(r.key(), config.destinations()), r);
    }
    shuffle.finish();
    return shuffle;
  }

  private static List<Record> randomRecords(Random random, int count) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Record r = RunsForTests.randomRecord(random, 700);
      String subkey = random.nextBoolean() ? Integer.toString(random.nextInt(50) - 20)
          : new String(r.subkey(), StandardCharsets.ISO_8859_1);
      records.add(new Record(r.key(), Record.utf8(subkey), Record.utf8("#" + i)));
    }
    return records;
  }

  private static List<Record> expectedSort(List<Record> records, int destinations, int d,
      KeyOrder order) {
    List<Record> expected = new ArrayList<>();
    for (Record r : records) {
      if (Partitioner.partition(r.key(), destinations) == d) {
        expected.add(r);
      }
    }
    expected.sort(SortedMergeTest.recordOrder(order));
    return expected;
  }

  /** A writer whose destinations are byte arrays. */
  private static final class Shuffle {
    final ShuffleWriter writer;
    final Map<Integer, ByteArrayOutputStream> outputs = new TreeMap<>();

    Shuffle(ShuffleWriter.Config config) {
      this.writer = new ShuffleWriter(config);
    }

    void add(int destination, Record r) throws IOException {
      writer.add(destination, r.key(), r.subkey(), r.value());
    }

    void finish() throws IOException {
      try (writer) {
        writer.finish(d -> outputs.computeIfAbsent(d, x -> new ByteArrayOutputStream()));
      }
    }

    byte[] bytes(int destination) {
      return outputs.get(destination).toByteArray();
    }

    List<Record> output(int destination) throws IOException {
      return RunsForTests.read(bytes(destination), "destination " + destination);
    }
  }

  /** Sums decimal values; its results are valid values, as a folding combiner's must be. */
  private static final class SumCombiner implements FoldingCombiner {
    @Override
    public Accumulator newAccumulator() {
      return new Accumulator() {
        long sum;

        @Override
        public void add(byte[] value) {
          sum += Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        }

        @Override
        public void merge(Accumulator other) {
          add(other.result());
        }

        @Override
        public byte[] result() {
          return Long.toString(sum).getBytes(StandardCharsets.US_ASCII);
        }
      };
    }
  }
}
