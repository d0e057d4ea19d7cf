package io.chainblock.engine.function.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.engine.function.streaming.RecordLines.Line;
import io.chainblock.engine.function.streaming.RecordLines.MalformedLineException;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordLinesTest {
  private static Line decode(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return RecordLines.decode(bytes, 0, bytes.length);
  }

  private static String encode(Line line) {
    return new String(RecordLines.encode(line), StandardCharsets.UTF_8);
  }

  private static Line data(String key, String subkey, String value) {
    return Line.emit(Record.utf8(key), Record.utf8(subkey), Record.utf8(value));
  }

  @Test
  void writesThreeFieldsWithTabNewlineAndBackslashEscaped() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordLines.writeRecord(out, Record.utf8("a\tb"), Record.utf8("line1\nline2"), Record.utf8("C:\\dir\\"));

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\\tb\tline1\\nline2\tC:\\\\dir\\\\\n");
  }

  @Test
  void roundTripsAwkwardFields() {
    String[] fields = {"", "plain", "\t", "\n", "\\", "\\t", "\\\\n", "tab\tnew\nslash\\end", "\r\n", "ü\t日本"};
    for (String key : fields) {
      for (String value : fields) {
        Line line = data(key, "sub\\" + key, value);
        String encoded = encode(line);

        assertThat(encoded).endsWith("\n").doesNotContain("\n\n");
        assertThat(encoded.substring(0, encoded.length() - 1)).doesNotContain("\n");
        assertThat(decode(encoded.substring(0, encoded.length() - 1))).isEqualTo(line);
      }
    }
  }

  @Test
  void twoFieldsAreKeyAndValueAndOneFieldIsAKey() {
    assertThat(decode("word\t3")).isEqualTo(data("word", "", "3"));
    assertThat(decode("word")).isEqualTo(data("word", "", ""));
    assertThat(decode("")).isEqualTo(data("", "", ""));
    assertThat(decode("\t\t")).isEqualTo(data("", "", ""));
  }

  @Test
  void acceptsEscapedCarriageReturnAndKeepsARawOne() {
    assertThat(decode("k\\r\tv\r")).isEqualTo(data("k\r", "", "v\r"));
  }

  @Test
  void namedStreamsAndBroadcastsRoundTrip() {
    Line toStream = Line.emit("errors", Record.utf8("k"), Record.utf8("s"), Record.utf8("v"));
    Line broadcast = Line.broadcast("", Record.utf8("k"), Record.EMPTY, Record.utf8("v"));
    Line namedBroadcast = Line.broadcast("config", Record.utf8("\\>k"), Record.EMPTY, Record.utf8("*"));

    assertThat(encode(toStream)).isEqualTo("\\>errors\tk\ts\tv\n");
    assertThat(encode(broadcast)).isEqualTo("\\*\tk\t\tv\n");
    assertThat(encode(namedBroadcast)).isEqualTo("\\*config\t\\\\>k\t\t*\n");
    assertThat(decode("\\>errors\tk\ts\tv")).isEqualTo(toStream);
    assertThat(decode("\\*\tk\t\tv")).isEqualTo(broadcast);
    assertThat(decode("\\*config\t\\\\>k\t\t*")).isEqualTo(namedBroadcast);
  }

  @Test
  void directivesTakeShortRecordsToo() {
    assertThat(decode("\\>errors\tk\tv")).isEqualTo(Line.emit("errors", Record.utf8("k"), Record.EMPTY, Record.utf8("v")));
    assertThat(decode("\\*\tk")).isEqualTo(Line.broadcast("", Record.utf8("k"), Record.EMPTY, Record.EMPTY));
    assertThat(decode("\\>\tk\tv")).isEqualTo(data("k", "", "v"));
  }

  @Test
  void dataStartingWithAnEscapedBackslashIsNotADirective() {
    assertThat(decode("\\\\>not-a-stream\tv")).isEqualTo(data("\\>not-a-stream", "", "v"));
  }

  @Test
  void rejectsUnknownEscapesLoneBackslashesAndExtraFields() {
    assertThatThrownBy(() -> decode("k\tC:\\dir")).isInstanceOf(MalformedLineException.class)
        .hasMessageStartingWith("unknown escape \\d");
    assertThatThrownBy(() -> decode("k\tv\\")).hasMessageStartingWith("a field ends in a lone backslash");
    assertThatThrownBy(() -> decode("a\tb\tc\td")).hasMessageStartingWith("more than 3 tab-separated fields");
    assertThatThrownBy(() -> decode("\\>errors")).hasMessageStartingWith("a \\> directive must be followed by a tab");
    assertThatThrownBy(() -> decode("\\*s\ta\tb\tc\td")).hasMessageStartingWith("more than 3");
    assertThatThrownBy(() -> decode("\\>a\\b\tk")).hasMessage("a stream name cannot hold a backslash");
  }

  @Test
  void streamNamesCannotHoldSeparators() {
    assertThatThrownBy(() -> Line.emit("a\tb", Record.EMPTY, Record.EMPTY, Record.EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
