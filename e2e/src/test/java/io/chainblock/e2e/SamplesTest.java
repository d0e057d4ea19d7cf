package io.chainblock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every sample pipeline, run with the local runner on its shipped or generated input, checked independently. */
class SamplesTest {
  @TempDir
  Path tmp;

  @Test
  void wordcountEqualsTrSortUniq() throws Exception {
    Path input = Cli.sample("wordcount/input");
    Path out = tmp.resolve("out");

    Cli result = Cli.run("run", Cli.sample("wordcount.yaml").toString(), "--disk", "corpus=" + input,
        "--out", out.toString(), "--progress", "none");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("block", "records in", "split", "count", "succeeded");
    assertThat(parts(out)).containsExactly("part-00000", "part-00001");
    assertThat(tsvCounts(out)).isEqualTo(uniqCounts(input));
  }

  @Test
  void wordcountOverManyChunksAndSpillsEqualsTrSortUniq() throws Exception {
    Path input = Files.createDirectories(tmp.resolve("corpus"));
    writeText(input.resolve("a.txt"), 3_000_000, 1);
    writeText(input.resolve("b.txt"), 1_000_000, 2);
    Path pipeline = tmp.resolve("wordcount.yaml");
    Files.writeString(pipeline, Files.readString(Cli.sample("wordcount.yaml")).replace("chunkSize: 64Mi", "chunkSize: 256Ki"));
    Path out = tmp.resolve("out");

    Cli result = Cli.run("run", pipeline.toString(), "--disk", "corpus=" + input, "--out", out.toString(),
        "--memory", "1Mi", "--fan-in", "2", "--progress", "none");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(tsvCounts(out)).isEqualTo(uniqCounts(input));
  }

  @Test
  void pbzip2OutputDecompressesToTheInput() throws Exception {
    Path input = tmp.resolve("raw.bin");
    byte[] data = new byte[3_000_000];
    Random random = new Random(7);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 3 == 0 ? random.nextInt(256) : 'a' + random.nextInt(4));
    }
    Files.write(input, data);
    Path out = tmp.resolve("out");

    Cli result = Cli.run("run", Cli.sample("pbzip2.yaml").toString(), "--disk", "raw=" + input, "--out", out.toString(),
        "--progress", "none");

    assertThat(result.exitCode()).as(result.err()).isZero();
    Path compressed = out.resolve("part-00000");
    assertThat(Shell.run("bzip2 -dc " + Shell.quote(compressed))).isEqualTo(data);
    // one bzip2 stream per 900 kB chunk: four "BZh9" stream headers for 3,000,000 bytes
    assertThat(Shell.text("grep -c -a -o 'BZh91AY&SY' " + Shell.quote(compressed) + " || true").trim()).isEqualTo("4");
  }

  @Test
  void dmapReturnsResultsInInputOrder() throws Exception {
    Path out = tmp.resolve("out");

    Cli result = Cli.run("run", Cli.sample("dmap.yaml").toString(), "--disk", "numbers=" + Cli.sample("dmap/numbers.txt"),
        "--out", out.toString(), "--progress", "none");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      expected.add(String.valueOf(i * i));
    }
    assertThat(Files.readAllLines(out.resolve("part-00000"))).isEqualTo(expected);
  }

  @Test
  void joinPairsEveryOrderWithItsUser() throws Exception {
    Path out = tmp.resolve("out");

    Cli result = Cli.run("run", Cli.sample("join.yaml").toString(), "--disk", "users=" + Cli.sample("join/users.csv"),
        "--disk", "orders=" + Cli.sample("join/orders.csv"), "--out", out.toString(), "--progress", "none");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = allLines(out);
    Collections.sort(lines);
    assertThat(lines).containsExactly(
        "u01\tAda,o1002,5.00",
        "u01\tAda,o1006,3.10",
        "u02\tGrace,o1001,19.99",
        "u02\tGrace,o1004,7.25",
        "u02\tGrace,o1007,99.00",
        "u03\tEdsger,o1003,120.50",
        "u05\tDonald,o1005,42.00",
        "u06\t,o1008,1.00");
    for (String part : parts(out)) {
      List<String> partLines = Files.readAllLines(out.resolve(part));
      assertThat(partLines).as("records within a part are in key order").isSortedAccordingTo(
          (a, b) -> a.split("\t")[0].compareTo(b.split("\t")[0]));
    }
  }

  @Test
  void secondarySortOrdersEachUsersEventsByNumericTimestamp() throws Exception {
    Path out = tmp.resolve("out");

    Cli result = Cli.run("run", Cli.sample("secondary-sort.yaml").toString(),
        "--disk", "events=" + Cli.sample("secondary-sort/events.tsv"), "--out", out.toString(), "--progress", "none");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = allLines(out);
    Collections.sort(lines);
    assertThat(lines).containsExactly(
        "alice\tlogin,search,buy,logout",
        "bob\tlogin,search,buy,logout",
        "carol\tlogin,logout");
  }

  @Test
  void broadcastStopWordsReachEveryFilterShard() throws Exception {
    Path input = Cli.sample("wordcount/input");
    Path out = tmp.resolve("out");

    Cli result = Cli.run("run", Cli.sample("broadcast.yaml").toString(), "--disk", "corpus=" + input,
        "--disk", "stopwords=" + Cli.sample("broadcast/stopwords.txt"), "--out", out.toString(), "--progress", "none");

    assertThat(result.exitCode()).as(result.err()).isZero();
    Map<String, Long> expected = uniqCounts(input);
    Files.readAllLines(Cli.sample("broadcast/stopwords.txt")).forEach(expected::remove);
    assertThat(expected).containsKey("river").doesNotContainKey("the");
    assertThat(tsvCounts(out)).isEqualTo(expected);
  }

  private static Map<String, Long> uniqCounts(Path input) throws Exception {
    return WordCounts.uniqC(input);
  }

  private static Map<String, Long> tsvCounts(Path out) throws IOException {
    return WordCounts.fromTsv(allLines(out));
  }

  private static List<String> parts(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).sorted().toList();
    }
  }

  private static List<String> allLines(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String part : parts(out)) {
      lines.addAll(Files.readAllLines(out.resolve(part), StandardCharsets.UTF_8));
    }
    return lines;
  }

  /** Deterministic ASCII text with a skewed vocabulary, so some words repeat a lot and many rarely. */
  private static void writeText(Path file, int bytes, long seed) throws IOException {
    Random random = new Random(seed);
    String[] vocabulary = new String[5000];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = (i % 7 == 0 ? "Word" : "w") + Integer.toString(i, 36);
    }
    StringBuilder text = new StringBuilder(bytes + 100);
    while (text.length() < bytes) {
      int rank = (int) Math.min(vocabulary.length - 1, Math.abs(random.nextGaussian()) * 300);
      text.append(vocabulary[rank]).append(random.nextInt(10) == 0 ? ",\n" : " ");
    }
    Files.writeString(file, text.append('\n').toString(), StandardCharsets.US_ASCII);
  }
}
