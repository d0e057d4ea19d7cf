package io.chainblock.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.engine.format.Codec;
import io.chainblock.engine.format.RecordCursor;
import io.chainblock.engine.format.RunReader;
import io.chainblock.engine.format.RunsForTests;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedMergeTest {
  @TempDir Path tempDir;

  @Test
  void fanInTwoOverNineRunsEqualsOnePassAndAStableSort() throws IOException {
    List<List<Record>> runs = randomRuns(new Random(42), 9, KeyOrder.NUMERIC);

    List<Record> narrow = mergeAll(runs, KeyOrder.NUMERIC, 2);
    List<Record> wide = mergeAll(runs, KeyOrder.NUMERIC, 64);

    assertThat(narrow).isEqualTo(wide).isEqualTo(stableSort(runs, KeyOrder.NUMERIC));
    assertThat(tempDir).isEmptyDirectory();
  }

  @Test
  void everyFanInGivesTheSameResult() throws IOException {
    List<List<Record>> runs = randomRuns(new Random(1), 13, KeyOrder.REVERSE);
    List<Record> expected = stableSort(runs, KeyOrder.REVERSE);
    for (int fanIn = 2; fanIn <= 14; fanIn++) {
      assertThat(mergeAll(runs, KeyOrder.REVERSE, fanIn)).as("fan-in %d", fanIn)
          .isEqualTo(expected);
    }
    assertThat(tempDir).isEmptyDirectory();
  }

  @Test
  void equalRecordsKeepTheOrderOfTheRuns() throws IOException {
    List<List<Record>> runs = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      runs.add(List.of(Record.of("k", "s", "run" + run)));
    }
    assertThat(mergeAll(runs, KeyOrder.LEXICOGRAPHIC, 2)).extracting(Record::valueString)
        .containsExactly("run0", "run1", "run2", "run3", "run4");
  }

  @Test
  void neverOpensMoreThanTheFanIn() throws IOException {
    List<List<Record>> runs = randomRuns(new Random(3), 10, KeyOrder.LEXICOGRAPHIC);
    int[] open = {0};
    int[] mostOpen = {0};
    List<SortedMerge.RunSource> sources = new ArrayList<>();
    for (List<Record> run : runs) {
      byte[] bytes = RunsForTests.write(run, Codec.NONE);
      sources.add(() -> {
        mostOpen[0] = Math.max(mostOpen[0], ++open[0]);
        RunReader reader = new RunReader(new ByteArrayInputStream(bytes), "run");
        return new RecordCursor() {
          @Override
          public boolean next() throws IOException {
            return reader.next();
          }

          @Override
          public byte[] key() {
            return reader.key();
          }

          @Override
          public byte[] subkey() {
            return reader.subkey();
          }

          @Override
          public byte[] value() {
            return reader.value();
          }

          @Override
          public void close() throws IOException {
            open[0]--;
            reader.close();
          }
        };
      });
    }
    try (RecordCursor merged = SortedMerge.merge(sources, KeyOrder.LEXICOGRAPHIC, 3, tempDir,
        Codec.LZ4)) {
      assertThat(RunsForTests.drain(merged)).hasSize(runs.stream().mapToInt(List::size).sum());
      try (Stream<Path> temps = Files.list(tempDir)) {
        assertThat(temps.count()).isPositive();
      }
    }
    assertThat(mostOpen[0]).isLessThanOrEqualTo(3);
    assertThat(open[0]).isZero();
    assertThat(tempDir).isEmptyDirectory();
  }

  @Test
  void mergesNothingIntoNothing() throws IOException {
    try (RecordCursor merged = SortedMerge.merge(List.of(), KeyOrder.LEXICOGRAPHIC, 2, tempDir,
        Codec.NONE)) {
      assertThat(merged.next()).isFalse();
    }
  }

  private List<Record> mergeAll(List<List<Record>> runs, KeyOrder order, int fanIn)
      throws IOException {
    List<SortedMerge.RunSource> sources = new ArrayList<>();
    for (List<Record> run : runs) {
      byte[] bytes = RunsForTests.write(run, Codec.ZSTD);
      sources.add(() -> new RunReader(new ByteArrayInputStream(bytes), "run"));
    }
    try (RecordCursor merged = SortedMerge.merge(sources, order, fanIn, tempDir, Codec.LZ4)) {
      return RunsForTests.drain(merged);
    }
  }

  static List<List<Record>> randomRuns(Random random, int count, KeyOrder order) {
    List<List<Record>> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Record> run = new ArrayList<>();
      int size = random.nextInt(300);
      for (int j = 0; j < size; j++) {
        Record r = RunsForTests.randomRecord(random, 40);
        run.add(new Record(r.key(), Record.utf8(Integer.toString(random.nextInt(30) - 10)),
            Record.utf8("run" + i + "#" + j)));
      }
      run.sort(recordOrder(order));
      runs.add(run);
    }
    return runs;
  }

  static Comparator<Record> recordOrder(KeyOrder order) {
    return (a, b) -> order.compare(a.key(), a.subkey(), b.key(), b.subkey());
  }

  private static List<Record> stableSort(List<List<Record>> runs, KeyOrder order) {
    List<Record> all = new ArrayList<>();
    runs.forEach(all::addAll);
    all.sort(recordOrder(order));
    return all;
  }
}
