package io.chainblock.engine.function.builtin;

import static io.chainblock.engine.record.Record.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.function.FunctionHarness;
import io.chainblock.engine.record.Record;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SumTest {
  private static String sumOf(String... values) throws Exception {
    List<Record> input = Arrays.stream(values).map(v -> of("k", "", v)).toList();
    List<Record> out = new FunctionHarness().records(Builtins.create("sum", Map.of()), input);
    assertThat(out).hasSize(1);
    return out.get(0).valueString();
  }

  private static String foldedSumOf(String... values) {
    FoldingCombiner combiner = Builtins.folding("sum").orElseThrow();
    FoldingCombiner.Accumulator first = combiner.newAccumulator();
    FoldingCombiner.Accumulator second = combiner.newAccumulator();
    for (int i = 0; i < values.length; i++) {
      (i % 2 == 0 ? first : second).add(Record.utf8(values[i]));
    }
    first.merge(second);
    return new String(first.result());
  }

  @Test
  void sumsPerKey() throws Exception {
    List<Record> out = new FunctionHarness().records(Builtins.create("sum", Map.of()),
        List.of(of("b", "", "1"), of("a", "", "5"), of("b", "", "41"), of("a", "", "-7")));

    assertThat(out).containsExactly(of("a", "", "-2"), of("b", "", "42"));
  }

  @Test
  void integersOverflowIntoExactBigNumbers() throws Exception {
    assertThat(sumOf("9223372036854775807", "1")).isEqualTo("9223372036854775808");
    assertThat(sumOf("-9223372036854775808", "-1", "1")).isEqualTo("-9223372036854775808");
    assertThat(sumOf("99999999999999999999", "1")).isEqualTo("100000000000000000000");
  }

  @Test
  void decimalsAreSummedExactly() throws Exception {
    assertThat(sumOf("0.1", "0.2")).isEqualTo("0.3");
    assertThat(sumOf("1.5", "2.5", "3")).isEqualTo("7.0");
    assertThat(sumOf("1e3", "+2", " 4 ")).isEqualTo("1006");
  }

  @Test
  void notANumberNamesBlockKeyAndValue() {
    assertThatThrownBy(() -> new FunctionHarness().block("totals").records(Builtins.create("sum", Map.of()),
            List.of(of("apples", "", "3"), of("apples", "", "three"))))
        .isInstanceOf(UserCodeException.class)
        .hasMessage("block totals: sum: the value \"three\" of key \"apples\" is not a decimal number");
  }

  @Test
  void emptyValueIsNotANumber() {
    assertThatThrownBy(() -> sumOf("1", "")).isInstanceOf(UserCodeException.class).hasMessageContaining("\"\"");
  }

  @Test
  void foldingGivesTheSameSums() {
    assertThat(foldedSumOf("1", "2", "3", "4")).isEqualTo("10");
    assertThat(foldedSumOf("9223372036854775807", "9223372036854775807", "2")).isEqualTo("18446744073709551616");
    assertThat(foldedSumOf("0.5", "1", "0.25")).isEqualTo("1.75");
  }

  @Test
  void foldingRejectsNonNumbersQuotingTheValue() {
    assertThatThrownBy(() -> foldedSumOf("1", "NaN"))
        .isInstanceOf(UserCodeException.class)
        .hasMessage("sum: the value \"NaN\" is not a decimal number");
  }
}
