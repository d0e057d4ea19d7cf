package io.chainblock.engine.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** One readable sentence for a YAML syntax error, in place of the parser's multi-line report. */
final class YamlSyntax {
  // SnakeYAML names tokens as they appear in the YAML grammar; these say what the author typed.
  private static final Map<String, String> TOKEN_WORDS = Map.of(
      "<block end>", "the end of the indented block",
      "'?'", "a key",
      "'<block mapping start>'", "a new mapping",
      "'<block sequence start>'", "a new list",
      "'-'", "a list item",
      "<scalar>", "a value");

  private YamlSyntax() {}

  static String describe(JsonProcessingException error) {
    if (error.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
      StringBuilder sentence = new StringBuilder("YAML syntax error: ").append(inWords(marked.getProblem()));
      Mark contextMark = marked.getContextMark();
      if (marked.getContext() != null && contextMark != null) {
        sentence.append(" (").append(marked.getContext()).append(" that starts at line ")
            .append(contextMark.getLine() + 1).append(')');
      }
      return sentence.append("; check the indentation and the brackets around this place").toString();
    }
    String message = error.getOriginalMessage();
    if (message.startsWith("Duplicate field ")) {
      return "duplicate key " + message.substring("Duplicate field ".length()) + ": a key may appear once in a mapping";
    }
    int newline = message.indexOf('\n');
    return "YAML syntax error: " + (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  private static String inWords(String problem) {
    String words = problem;
    for (Map.Entry<String, String> token : TOKEN_WORDS.entrySet()) {
      words = words.replace(token.getKey(), token.getValue());
    }
    return words;
  }
}
