package io.chainblock.engine.function.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.engine.function.FunctionHarness;
import io.chainblock.engine.record.Record;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizeTest {
  private static List<String> words(String... lines) throws Exception {
    List<Record> out = new FunctionHarness().source(Builtins.create("tokenize", Map.of()), List.of(lines));
    assertThat(out).allSatisfy(r -> {
      assertThat(r.subkey()).isEmpty();
      assertThat(r.valueString()).isEqualTo("1");
    });
    return out.stream().map(Record::keyString).toList();
  }

  @Test
  void lowerCasesRunsOfLettersAndDigits() throws Exception {
    assertThat(words("Hello, World! It's 2024-05-01: v2.0 (BETA)_x"))
        .containsExactly("hello", "world", "it", "s", "2024", "05", "01", "v2", "0", "beta", "x");
  }

  @Test
  void handlesUnicodeLettersAndDigits() throws Exception {
    assertThat(words("Ünïcode straße 42 ÅNGSTRÖM δΑΣ 日本語 x٣y"))
        .containsExactly("ünïcode", "straße", "42", "ångström", "δασ", "日本語", "x٣y");
  }

  @Test
  void keepsAsciiWordsBeforeAndAroundTheFirstNonAsciiByte() throws Exception {
    assertThat(words("Plain ASCII then Café—Bar and MORE"))
        .containsExactly("plain", "ascii", "then", "café", "bar", "and", "more");
  }

  @Test
  void emitsNothingForLinesWithoutWords() throws Exception {
    assertThat(words("", "  -- !! ", "…—")).isEmpty();
  }

  @Test
  void tokenizesEveryLineOfTheSource() throws Exception {
    assertThat(words("a b", "B c")).containsExactly("a", "b", "b", "c");
  }
}
