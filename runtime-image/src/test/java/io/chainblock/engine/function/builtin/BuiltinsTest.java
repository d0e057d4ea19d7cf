package io.chainblock.engine.function.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinsTest {
  @Test
  void namesTheBuiltinsTheContractPromises() {
    assertThat(Builtins.names())
        .containsExactly("bunzip2", "bzip2", "concat", "count", "grep", "identity", "lines", "sum", "tokenize");
  }

  @Test
  void saysWhichArgsEachBuiltinTakes() {
    assertThat(Builtins.argNames("grep")).containsExactlyInAnyOrder("pattern", "invert");
    assertThat(Builtins.argNames("concat")).containsExactly("separator");
    assertThat(Builtins.argNames("sum")).isEmpty();
  }

  @Test
  void unknownBuiltinListsTheKnownOnes() {
    assertThatThrownBy(() -> Builtins.create("wordcount", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown builtin \"wordcount\"")
        .hasMessageContaining("tokenize")
        .hasMessageContaining("function.command");
  }

  @Test
  void grepWithoutPatternSaysWhatToWrite() {
    assertThatThrownBy(() -> Builtins.create("grep", Map.of()))
        .hasMessage("grep needs args.pattern, a Java regular expression");
  }

  @Test
  void grepWithBadRegexQuotesIt() {
    assertThatThrownBy(() -> Builtins.create("grep", Map.of("pattern", "(error")))
        .hasMessageStartingWith("grep args.pattern \"(error\" is not a Java regular expression");
  }

  @Test
  void grepInvertMustBeABoolean() {
    assertThatThrownBy(() -> Builtins.create("grep", Map.of("pattern", "x", "invert", "yes")))
        .hasMessage("grep args.invert must be \"true\" or \"false\", not \"yes\"");
  }

  @Test
  void unknownArgIsNamedWithTheAcceptedOnes() {
    assertThatThrownBy(() -> Builtins.create("grep", Map.of("pattern", "x", "regex", "y")))
        .hasMessage("grep does not take args.regex; it takes args.invert, args.pattern");
    assertThatThrownBy(() -> Builtins.create("sum", Map.of("precision", "2")))
        .hasMessage("sum takes no args; remove args.precision");
  }

  @Test
  void runnerArgsAreAccepted() {
    assertThat(Builtins.create("identity", Map.of("chainblock.binary", "true"))).isNotNull();
  }

  @Test
  void noArgsMayBeGivenAsNull() {
    assertThat(Builtins.create("count", null)).isNotNull();
  }

  @Test
  void onlySumFolds() {
    assertThat(Builtins.folding("sum")).isPresent();
    assertThat(Builtins.folding("count")).isEmpty();
    assertThat(Builtins.folding("concat")).isEmpty();
  }
}
