package io.chainblock.engine.function.builtin;

import static io.chainblock.engine.record.Record.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.engine.function.FunctionHarness;
import io.chainblock.engine.record.Record;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleBuiltinsTest {
  private final FunctionHarness harness = new FunctionHarness();

  @Test
  void identityReEmitsEveryRecordAndDropsBroadcasts() throws Exception {
    List<FunctionHarness.Emitted> out = harness.run(Builtins.create("identity", Map.of()),
        List.of(of("config", "", "x")), List.of(of("b", "2", "v2"), of("a", "", "v1"), of("b", "1", "v3")));

    assertThat(FunctionHarness.dataOf(out)).containsExactly(of("a", "", "v1"), of("b", "1", "v3"), of("b", "2", "v2"));
    assertThat(out).hasSize(3);
  }

  @Test
  void linesSplitsValuesAndNumbersTheLines() throws Exception {
    List<Record> out = harness.records(Builtins.create("lines", Map.of()),
        List.of(of("doc", "", "first\nsecond\n\nfourth\n"), of("one", "", "single"), of("empty", "", "")));

    assertThat(out).containsExactly(
        of("doc", "0000000000", "first"), of("doc", "0000000001", "second"),
        of("doc", "0000000002", ""), of("doc", "0000000003", "fourth"),
        of("empty", "0000000000", ""),
        of("one", "0000000000", "single"));
  }

  @Test
  void linesOnATextSourceKeepsOneRecordPerLine() throws Exception {
    List<Record> out = harness.source(Builtins.create("lines", Map.of()), List.of("alpha", "beta"));

    assertThat(out).containsExactly(
        of("00000000000000000000", "0000000000", "alpha"), of("00000000000000000006", "0000000000", "beta"));
  }

  @Test
  void countCountsRecordsPerKey() throws Exception {
    List<Record> out = harness.records(Builtins.create("count", Map.of()),
        List.of(of("b", "", "x"), of("a", "", "x"), of("b", "", "y"), of("b", "z", "")));

    assertThat(out).containsExactly(of("a", "", "1"), of("b", "", "3"));
  }

  @Test
  void concatJoinsValuesInSubkeyOrder() throws Exception {
    List<Record> out = harness.records(Builtins.create("concat", Map.of("separator", ", ")),
        List.of(of("k", "3", "c"), of("k", "1", "a"), of("k", "2", "b"), of("j", "", "only")));

    assertThat(out).containsExactly(of("j", "", "only"), of("k", "", "a, b, c"));
  }

  @Test
  void concatSeparatorAcceptsEscapes() throws Exception {
    List<Record> out = harness.records(Builtins.create("concat", Map.of("separator", "\\n\\t\\\\|\\x")),
        List.of(of("k", "1", "a"), of("k", "2", "b")));

    assertThat(out).containsExactly(of("k", "", "a\n\t\\|\\xb"));
  }

  @Test
  void concatWithoutSeparatorJoinsDirectly() throws Exception {
    List<Record> out = harness.records(Builtins.create("concat", Map.of()),
        List.of(of("k", "2", "b"), of("k", "1", "a")));

    assertThat(out).containsExactly(of("k", "", "ab"));
  }

  @Test
  void grepKeepsRecordsWhoseValueContainsAMatch() throws Exception {
    List<Record> input = List.of(of("1", "", "ERROR disk full"), of("2", "", "all fine"),
        of("3", "", "Fehler: Übergröße error"), of("4", "", "errors"));

    assertThat(harness.records(Builtins.create("grep", Map.of("pattern", "error")), input))
        .containsExactly(of("3", "", "Fehler: Übergröße error"), of("4", "", "errors"));
    assertThat(harness.records(Builtins.create("grep", Map.of("pattern", "(?i)^error\\b")), input))
        .containsExactly(of("1", "", "ERROR disk full"));
    assertThat(harness.records(Builtins.create("grep", Map.of("pattern", "Über.röße")), input))
        .containsExactly(of("3", "", "Fehler: Übergröße error"));
  }

  @Test
  void grepInvertKeepsTheOthers() throws Exception {
    List<Record> out = harness.records(Builtins.create("grep", Map.of("pattern", "fine", "invert", "true")),
        List.of(of("1", "", "bad"), of("2", "", "all fine")));

    assertThat(out).containsExactly(of("1", "", "bad"));
  }
}
