package io.chainblock.engine.function.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.function.FunctionHarness;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.junit.jupiter.api.Test;

class CompressionTest {
  private static final List<Record> BLOCKS = List.of(
      new Record(Record.utf8("0001"), Record.utf8("a"), Record.utf8("the first block\n".repeat(1000))),
      new Record(Record.utf8("0002"), Record.utf8("b"), randomBytes(50_000)),
      new Record(Record.utf8("0003"), Record.EMPTY, Record.EMPTY));

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private static List<Record> run(String builtin, List<Record> input) throws Exception {
    return new FunctionHarness().block("pack").records(Builtins.create(builtin, Map.of()), input);
  }

  @Test
  void eachValueBecomesABzip2StreamWithKeyAndSubkeyKept() throws Exception {
    List<Record> compressed = run("bzip2", BLOCKS);

    assertThat(compressed).hasSize(BLOCKS.size());
    for (int i = 0; i < BLOCKS.size(); i++) {
      assertThat(compressed.get(i).key()).isEqualTo(BLOCKS.get(i).key());
      assertThat(compressed.get(i).subkey()).isEqualTo(BLOCKS.get(i).subkey());
      try (var in = new BZip2CompressorInputStream(new ByteArrayInputStream(compressed.get(i).value()), false)) {
        assertThat(in.readAllBytes()).isEqualTo(BLOCKS.get(i).value());
      }
    }
  }

  @Test
  void concatenatedValuesDecompressWithTheBzip2Tool() throws Exception {
    ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (Record r : run("bzip2", BLOCKS)) {
      concatenated.writeBytes(r.value());
    }
    BLOCKS.forEach(r -> expected.writeBytes(r.value()));

    Process bzip2 = new ProcessBuilder("bzip2", "-dc").redirectErrorStream(true).start();
    Thread feeder = Thread.ofPlatform().start(() -> {
      try (var stdin = bzip2.getOutputStream()) {
        stdin.write(concatenated.toByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    byte[] decompressed = bzip2.getInputStream().readAllBytes();
    feeder.join();

    assertThat(bzip2.waitFor()).isZero();
    assertThat(decompressed).isEqualTo(expected.toByteArray());
  }

  @Test
  void bunzip2ReversesBzip2() throws Exception {
    assertThat(run("bunzip2", run("bzip2", BLOCKS))).containsExactlyElementsOf(BLOCKS);
  }

  @Test
  void bunzip2RejectsValuesThatAreNotBzip2() {
    Record notCompressed = new Record(Record.utf8("0001"), Record.EMPTY, "plain text".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> run("bunzip2", List.of(notCompressed)))
        .isInstanceOf(UserCodeException.class)
        .hasMessageStartingWith("block pack: bunzip2: the value of key \"0001\" (10 bytes) is not bzip2 data");
  }
}
