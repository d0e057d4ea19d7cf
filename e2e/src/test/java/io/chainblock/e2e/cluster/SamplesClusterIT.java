package io.chainblock.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskStatus;
import io.chainblock.e2e.Cli;
import io.chainblock.e2e.Shell;
import io.chainblock.e2e.WordCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples on the cluster, as README tells a user to run them: {@code chainblock disk put} for
 * the inputs, {@code kubectl apply -f samples/…}, {@code kubectl wait --for=condition=Succeeded}.
 * The four run at once; each output must equal the local runner's byte for byte and pass an
 * independent tool, and {@code kubectl get chainpipelines}, sampled during the runs, must show
 * the blocks and shards advancing.
 */
@ExtendWith(OnCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesClusterIT {
  private static final Duration RUN = Duration.ofMinutes(8);
  /** pipeline -> [blocks, shards], as the sample files declare them */
  private static final Map<String, int[]> SIZES = Map.of(
      "wordcount", new int[] {2, 6}, "pbzip2", new int[] {2, 5}, "dmap", new int[] {3, 7}, "join", new int[] {3, 5});

  private ClusterNamespace ns;
  private History<ChainPipeline> history;
  private PrinterColumns columns;
  private byte[] raw;
  private final Map<String, CompletableFuture<LocalRun>> local = new LinkedHashMap<>();

  @BeforeAll
  void runTheSamples(Cluster cluster, @TempDir Path tmp) throws IOException {
    ns = new ClusterNamespace(cluster, "samples");
    raw = pbzip2Input();
    Path rawFile = Files.write(tmp.resolve("raw.bin"), raw);
    Map<String, Map<String, Path>> disks = Map.of(
        "wordcount", Map.of("corpus", Cli.sample("wordcount/input")),
        "pbzip2", Map.of("raw", rawFile),
        "dmap", Map.of("numbers", Cli.sample("dmap/numbers.txt")),
        "join", Map.of("users", Cli.sample("join/users.csv"), "orders", Cli.sample("join/orders.csv")));
    for (var sample : disks.entrySet()) {
      Path work = Files.createDirectories(tmp.resolve(sample.getKey()));
      local.put(sample.getKey(), CompletableFuture.supplyAsync(
          () -> LocalRun.of(Cli.sample(sample.getKey() + ".yaml"), work, sample.getValue()), Thread.ofVirtual()::start));
    }

    List<CompletableFuture<String>> puts = List.of(
        put("corpus", List.of(Cli.sample("wordcount/input"))),
        put("raw", List.of(rawFile), "--format", "binary", "--chunk-size", "900k"),
        put("numbers", List.of(Cli.sample("dmap/numbers.txt"))),
        put("users", List.of(Cli.sample("join/users.csv"))),
        put("orders", List.of(Cli.sample("join/orders.csv"))));
    CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();

    history = History.of(ns.client().resources(ChainPipeline.class).inNamespace(ns.name()));
    columns = PrinterColumns.sample(cluster.kubectl(), ns.name(), Duration.ofSeconds(1));
    for (String sample : SIZES.keySet()) {
      ns.apply(Cli.sample(sample + ".yaml"));
    }
    Cluster.log("samples applied in %s", ns.name());
  }

  @AfterAll
  void stopWatching() {
    if (columns != null) {
      columns.close();
    }
    if (history != null) {
      history.close();
    }
  }

  @Test
  void wordcountEqualsTheLocalRunnerAndTrSortUniq() throws Exception {
    ChainPipeline done = ns.awaitCondition("wordcount", "Succeeded", RUN);
    LocalRun reference = local.get("wordcount").join();

    Map<String, byte[]> parts = ns.outputParts("wordcount-result");
    Checks.sameParts(parts, reference.parts());
    assertThat(WordCounts.fromTsv(lines(parts))).isEqualTo(WordCounts.uniqC(Cli.sample("wordcount/input")));
    Checks.succeededLikeLocal(ns.awaitCounted("wordcount"), reference);
    assertOutputDiskReady("wordcount-result", parts);
  }

  @Test
  void pbzip2OutputDecompressesWithBzip2ToTheInput(@TempDir Path tmp) throws Exception {
    ChainPipeline done = ns.awaitCondition("pbzip2", "Succeeded", RUN);
    LocalRun reference = local.get("pbzip2").join();

    Map<String, byte[]> parts = ns.outputParts("compressed");
    Checks.sameParts(parts, reference.parts());
    Path fetched = tmp.resolve("compressed.bz2");
    ns.cluster().diskGet(ns.name(), "compressed", fetched);
    assertThat(Shell.run("bzip2 -dc " + Shell.quote(fetched))).isEqualTo(raw);
    // one bzip2 stream per 900 kB chunk, compressed on four shards
    assertThat(Shell.text("grep -c -a -o 'BZh91AY&SY' " + Shell.quote(fetched) + " || true").trim()).isEqualTo("4");
    Checks.succeededLikeLocal(ns.awaitCounted("pbzip2"), reference);
    assertOutputDiskReady("compressed", parts);
  }

  @Test
  void dmapReturnsTheSquaresInInputOrder() {
    ChainPipeline done = ns.awaitCondition("dmap", "Succeeded", RUN);
    LocalRun reference = local.get("dmap").join();

    Map<String, byte[]> parts = ns.outputParts("squares");
    Checks.sameParts(parts, reference.parts());
    assertThat(lines(parts)).isEqualTo(IntStream.rangeClosed(1, 1000).mapToObj(i -> String.valueOf(i * i)).toList());
    Checks.succeededLikeLocal(ns.awaitCounted("dmap"), reference);
    assertOutputDiskReady("squares", parts);
  }

  @Test
  void joinPairsEveryOrderWithItsUser() {
    ChainPipeline done = ns.awaitCondition("join", "Succeeded", RUN);
    LocalRun reference = local.get("join").join();

    Map<String, byte[]> parts = ns.outputParts("user-orders");
    Checks.sameParts(parts, reference.parts());
    List<String> joined = new ArrayList<>(lines(parts));
    Collections.sort(joined);
    assertThat(joined).containsExactly(
        "u01\tAda,o1002,5.00",
        "u01\tAda,o1006,3.10",
        "u02\tGrace,o1001,19.99",
        "u02\tGrace,o1004,7.25",
        "u02\tGrace,o1007,99.00",
        "u03\tEdsger,o1003,120.50",
        "u05\tDonald,o1005,42.00",
        "u06\t,o1008,1.00");
    Checks.succeededLikeLocal(ns.awaitCounted("join"), reference);
    assertOutputDiskReady("user-orders", parts);
  }

  /**
   * {@code kubectl get chainpipelines}, sampled every second while the samples ran: the columns
   * are the documented ones, blocks and shards only go up, the three-block dmap chain is seen
   * between its first and last block, and every sample ends Succeeded with N/N. The status
   * versions the API server sent back it up: dmap's blocksDone went 0/3, 1/3, 2/3, 3/3.
   */
  @Test
  void getChainpipelinesShowsBlocksAndShardsAdvancing() {
    for (String sample : SIZES.keySet()) {
      ns.awaitCondition(sample, "Succeeded", RUN);
    }
    columns.close();

    assertThat(columns.failures()).as("kubectl get chainpipelines errors").isEmpty();
    assertThat(columns.headers()).isNotEmpty()
        .allSatisfy(header -> assertThat(header).containsExactly("NAME", "PHASE", "BLOCKS", "SHARDS", "AGE"));
    for (var sample : SIZES.entrySet()) {
      String name = sample.getKey();
      int blocks = sample.getValue()[0];
      int shards = sample.getValue()[1];
      List<PrinterColumns.Row> rows = columns.rows(name).stream().filter(r -> !r.blocks().isEmpty()).toList();
      assertThat(rows).as("rows of %s", name).isNotEmpty();
      assertThat(rows).as("%s: phases seen", name)
          .allSatisfy(r -> assertThat(r.phase()).isIn("Pending", "Running", "Succeeded"));
      assertNonDecreasing(name + " BLOCKS", rows.stream().map(PrinterColumns.Row::blocks).toList(), blocks);
      assertNonDecreasing(name + " SHARDS", rows.stream().map(PrinterColumns.Row::shards).toList(), shards);
      PrinterColumns.Row last = rows.getLast();
      assertThat(List.of(last.phase(), last.blocks(), last.shards()))
          .containsExactly("Succeeded", blocks + "/" + blocks, shards + "/" + shards);

      List<ChainPipelineStatus> statuses = history.of(name).stream().map(ChainPipeline::getStatus)
          .filter(s -> s != null && s.blocksDone != null).toList();
      assertNonDecreasing(name + " status.shardsDone", statuses.stream().map(s -> s.shardsDone).toList(), shards);
    }
    List<PrinterColumns.Row> dmapRunning = columns.rows("dmap").stream().filter(r -> r.phase().equals("Running")).toList();
    assertThat(dmapRunning.stream().map(r -> r.blocks() + " " + r.shards()).distinct().count())
        .as("distinct BLOCKS/SHARDS of dmap while Running: %s", dmapRunning).isGreaterThanOrEqualTo(2);
    assertThat(dmapRunning).as("dmap seen between its first and its last block")
        .anySatisfy(r -> assertThat(r.blocks()).isIn("1/3", "2/3"));
    List<String> blocksDone = history.of("dmap").stream().map(ChainPipeline::getStatus)
        .filter(s -> s != null && s.blocksDone != null).map(s -> s.blocksDone).distinct().toList();
    assertThat(blocksDone).containsExactly("0/3", "1/3", "2/3", "3/3");
  }

  /** Values like 3/7 whose numerators never go down and whose denominator is always {@code total}. */
  private static void assertNonDecreasing(String what, List<String> values, int total) {
    int previous = -1;
    for (String value : values) {
      String[] f = value.split("/");
      assertThat(f).as("%s: %s", what, values).hasSize(2);
      assertThat(Integer.parseInt(f[1])).as("%s total: %s", what, values).isEqualTo(total);
      int done = Integer.parseInt(f[0]);
      assertThat(done).as("%s never goes down: %s", what, values).isGreaterThanOrEqualTo(previous);
      previous = done;
    }
  }

  /** The operator made the output a Disk; it turns Ready with the parts as its chunks. */
  private void assertOutputDiskReady(String name, Map<String, byte[]> parts) {
    Disk disk = Await.until("Disk " + name + " Ready", Duration.ofSeconds(90), () -> Optional.ofNullable(ns.disk(name))
        .filter(d -> d.getStatus() != null && d.getStatus().phase == DiskStatus.Phase.Ready), ns::diagnostics);
    assertThat(disk.getStatus().chunks).isEqualTo((long) parts.size());
    assertThat(disk.getStatus().bytes).isEqualTo(parts.values().stream().mapToLong(p -> p.length).sum());
  }

  private CompletableFuture<String> put(String disk, List<Path> files, String... options) {
    return CompletableFuture.supplyAsync(() -> ns.diskPut(disk, files, options), Thread.ofVirtual()::start);
  }

  private static List<String> lines(Map<String, byte[]> parts) {
    List<String> lines = new ArrayList<>();
    for (byte[] part : parts.values()) {
      String text = new String(part, StandardCharsets.UTF_8);
      if (!text.isEmpty()) {
        lines.addAll(List.of(text.split("\n")));
      }
    }
    return lines;
  }

  /** The input of SamplesTest's pbzip2 case: 3,000,000 bytes, a third random, the rest from four letters. */
  private static byte[] pbzip2Input() {
    byte[] data = new byte[3_000_000];
    Random random = new Random(7);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 3 == 0 ? random.nextInt(256) : 'a' + random.nextInt(4));
    }
    return data;
  }
}
