package io.chainblock.engine.function.streaming;

import static io.chainblock.engine.record.Record.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.function.FunctionHarness;
import io.chainblock.engine.function.FunctionHarness.Emitted;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingCommandTest {
  @TempDir Path scratch;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private StreamingCommand sh(String script) {
    return new StreamingCommand(List.of("sh", "-c", script), new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private FunctionHarness harness() {
    return new FunctionHarness().block("words").shard(1, 3).scratchDir(scratch);
  }

  @Test
  void sourceCommandReadsTheRawLines() throws Exception {
    List<Record> out = harness().source(sh("tr -cs 'A-Za-z' '\\n' | tr 'A-Z' 'a-z' | awk 'NF {print $1 \"\\t1\"}'"),
        List.of("The cat", "the HAT"));

    assertThat(out).containsExactly(of("the", "", "1"), of("cat", "", "1"), of("the", "", "1"), of("hat", "", "1"));
  }

  @Test
  void binarySourceGetsTheChunksUnchanged() throws Exception {
    List<Record> out = harness().args(Map.of(StreamingCommand.BINARY_SOURCE_ARG, "true"))
        .sourceBytes(sh("cat"), List.of(Record.utf8("ab"), Record.utf8("c\tz\n")), 0);

    assertThat(out).containsExactly(of("abc", "", "z"));
  }

  @Test
  void reduceCommandGetsRecordsGroupedByKeyInSubkeyOrder() throws Exception {
    List<Record> out = harness().records(sh("cat"),
        List.of(of("b", "2", "y"), of("a", "", "x"), of("b", "1", "tab\there\nand\\there")));

    assertThat(out).containsExactly(of("a", "", "x"), of("b", "1", "tab\there\nand\\there"), of("b", "2", "y"));
  }

  @Test
  void awkSumsPerKey() throws Exception {
    String script = "awk -F'\\t' '$1 != k && NR > 1 {print k \"\\t\" s; s = 0} {k = $1; s += $3} END {print k \"\\t\" s}'";

    List<Record> out = harness().records(sh(script),
        List.of(of("b", "", "1"), of("a", "", "2"), of("b", "", "3"), of("a", "", "4")));

    assertThat(out).containsExactly(of("a", "", "6"), of("b", "", "4"));
  }

  @Test
  void broadcastsReachStdinBeforeData() throws Exception {
    List<Emitted> out = harness().run(sh("cat"),
        List.of(of("threshold", "", "5"), of("mode", "", "fast")), List.of(of("k", "", "v")));

    assertThat(out).containsExactly(
        new Emitted("", true, of("threshold", "", "5")),
        new Emitted("", true, of("mode", "", "fast")),
        new Emitted("", false, of("k", "", "v")));
  }

  @Test
  void namedStreamsAndBroadcastsComeFromDirectiveLines() throws Exception {
    String script = "printf 'plain\\t1\\n\\\\>errors\\tbad\\tline 3\\n\\\\*\\tall\\n\\\\*config\\tk\\t\\tv\\n'";

    List<Emitted> out = harness().run(sh(script), List.of(), List.of());

    assertThat(out).containsExactly(
        new Emitted("", false, of("plain", "", "1")),
        new Emitted("errors", false, of("bad", "", "line 3")),
        new Emitted("", true, of("all", "", "")),
        new Emitted("config", true, of("k", "", "v")));
  }

  @Test
  void commandSeesItsShardAndRunsInTheScratchDirectory() throws Exception {
    List<Record> out = harness().records(sh("printf '%s\\t%s\\t%s\\n' \"$CHAINBLOCK_BLOCK\" \"$CHAINBLOCK_SHARD/$CHAINBLOCK_SHARDS\" \"$PWD\""),
        List.of());

    assertThat(out).containsExactly(of("words", "1/3", scratch.toRealPath().toString()));
  }

  @Test
  void nonZeroExitNamesBlockCommandStatusAndStderr() {
    assertThatThrownBy(() -> harness().records(sh("cat >/dev/null; echo 'first problem' >&2; echo 'it broke' >&2; exit 3"),
            List.of(of("k", "", "v"))))
        .isInstanceOf(UserCodeException.class)
        .hasMessageStartingWith("block words: command [sh, -c, cat >/dev/null;")
        .hasMessageContaining("exited with status 3; last stderr lines: \nfirst problem\nit broke");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("[words/1] first problem\n[words/1] it broke\n");
  }

  @Test
  void malformedLineIsQuotedWithItsNumber() {
    String longTail = "x".repeat(500);

    assertThatThrownBy(() -> harness().records(sh("printf 'ok\\t1\\nC:\\\\dir\\t2" + longTail + "\\n'; cat"),
            List.of(of("k", "", "v"))))
        .isInstanceOf(UserCodeException.class)
        .hasMessageStartingWith("block words: command [sh, -c, ")
        .hasMessageContaining("wrote a malformed line 2 (unknown escape \\d")
        .hasMessageContaining(": \"C:\\dir\t2xxx")
        .hasMessageEndingWith("x…\"");
  }

  @Test
  void tooManyFieldsIsMalformed() {
    assertThatThrownBy(() -> harness().records(sh("printf 'a\\tb\\tc\\td\\n'"), List.of()))
        .hasMessageContaining("malformed line 1 (more than 3 tab-separated fields")
        .hasMessageContaining("\"a\tb\tc\td\"");
  }

  @Test
  void failureKillsTheProgramAndWhatItStarted() throws Exception {
    assertThatThrownBy(() -> harness().records(sh("sleep 600 & echo $! > sleep.pid; printf 'bad\\q\\n'; wait"), List.of()))
        .hasMessageContaining("malformed line 1");

    assertExits(Files.readString(scratch.resolve("sleep.pid")));
  }

  @Test
  void abortKillsTheProgramAndWhatItStarted() throws Exception {
    StreamingCommand command = sh("sleep 600 & echo $! > sleep.pid; wait");
    harness().open(command);
    Path pidFile = scratch.resolve("sleep.pid");
    while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
      Thread.onSpinWait();
    }

    command.abort();
    command.close();

    assertExits(Files.readString(pidFile));
  }

  /** Waits for the process to end; a process left running fails the test instead of hanging it. */
  private static void assertExits(String pid) throws Exception {
    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid.strip()));
    if (process.isPresent()) {
      process.get().onExit().get(1, TimeUnit.MINUTES);
    }
  }

  @Test
  void programThatStopsReadingEarlyIsFine() throws Exception {
    List<Record> input = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      input.add(of(String.format("%08d", i), "", "some value to fill the pipe"));
    }

    assertThat(harness().records(sh("head -n 1"), input)).containsExactly(of("00000000", "", "some value to fill the pipe"));
  }

  @Test
  void twentyMegabytesPassThroughCatWithoutDeadlock() throws Exception {
    String value = "v".repeat(1000);
    List<Record> input = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      input.add(of(String.format("%08d", i), "", value));
    }

    List<Record> out = harness().records(sh("cat"), input);

    assertThat(out).hasSize(input.size());
    assertThat(out.get(0)).isEqualTo(input.get(0));
    assertThat(out.get(out.size() - 1)).isEqualTo(input.get(input.size() - 1));
  }

  @Test
  void missingProgramIsAUserError() {
    StreamingCommand command = new StreamingCommand(List.of("/no/such/program"));

    assertThatThrownBy(() -> harness().records(command, List.of()))
        .isInstanceOf(UserCodeException.class)
        .hasMessageStartingWith("block words: cannot start command [/no/such/program]");
  }
}
