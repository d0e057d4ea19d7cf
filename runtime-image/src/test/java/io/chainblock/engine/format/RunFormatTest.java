package io.chainblock.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.engine.record.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunFormatTest {
  private static final String NAME = "runs/ns/wc/uid/count/0/1-0";

  @ParameterizedTest
  @EnumSource(Codec.class)
  void roundTripsArbitraryRecordsAcrossBlocks(Codec codec) throws IOException {
    List<Record> records = mixedRecords(new Random(7));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunWriter writer = new RunWriter(out, codec);
    for (Record r : records) {
      writer.write(r.key(), r.subkey(), r.value());
    }
    writer.close();
    byte[] run = out.toByteArray();

    RunReader reader = new RunReader(new ByteArrayInputStream(run), NAME);
    assertThat(RunsForTests.drain(reader)).isEqualTo(records);
    assertThat(writer.records()).isEqualTo(records.size());
    assertThat(reader.records()).isEqualTo(records.size());
    assertThat(writer.bytesWritten()).isEqualTo(run.length);
    assertThat(reader.bytesRead()).isEqualTo(run.length);
    assertThat(writer.rawBytes()).isEqualTo(records.stream()
        .mapToLong(r -> RecordEncoding.encodedSize(r.key(), r.subkey(), r.value())).sum());
  }

  @ParameterizedTest
  @EnumSource(Codec.class)
  void roundTripsAnEmptyRun(Codec codec) throws IOException {
    assertThat(RunsForTests.read(RunsForTests.write(List.of(), codec), NAME)).isEmpty();
  }

  @Test
  void compressesRepetitiveRecords() throws IOException {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      records.add(Record.of(String.format("%020d", i), "", "the same line of text, again"));
    }
    assertThat(RunsForTests.write(records, Codec.ZSTD).length)
        .isLessThan(RunsForTests.write(records, Codec.NONE).length / 3);
  }

  @ParameterizedTest
  @EnumSource(Codec.class)
  void aFlippedByteAnywhereIsReportedAsCorrupt(Codec codec) throws IOException {
    byte[] run = RunsForTests.write(mixedRecords(new Random(3)), codec);
    Random random = new Random(11);
    for (int i = 0; i < 40; i++) {
      byte[] damaged = run.clone();
      damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
      assertThatThrownBy(() -> RunsForTests.read(damaged, NAME))
          .isInstanceOf(CorruptObjectException.class)
          .hasMessageStartingWith(NAME + ": ");
    }
  }

  @ParameterizedTest
  @EnumSource(Codec.class)
  void aTruncatedRunIsReportedAsCorrupt(Codec codec) throws IOException {
    byte[] run = RunsForTests.write(mixedRecords(new Random(5)), codec);
    for (int length = 0; length < run.length; length += Math.max(1, run.length / 97)) {
      byte[] truncated = Arrays.copyOf(run, length);
      assertThatThrownBy(() -> RunsForTests.read(truncated, NAME))
          .isInstanceOf(CorruptObjectException.class)
          .hasMessageContaining(NAME);
    }
    assertThatThrownBy(() -> RunsForTests.read(Arrays.copyOf(run, run.length - 1), NAME))
        .isInstanceOf(CorruptObjectException.class);
  }

  @Test
  void aRunCutAtABlockBoundarySaysTheEndFrameIsMissing() throws IOException {
    byte[] run = RunsForTests.write(mixedRecords(new Random(9)), Codec.LZ4);
    byte[] withoutEnd = Arrays.copyOf(run, run.length - RunFormat.FRAME_BYTES);
    assertThatThrownBy(() -> RunsForTests.read(withoutEnd, NAME))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageMatching(NAME + ": truncated after \\d+ blocks \\(no end frame\\): the object"
            + " is incomplete or corrupt");
  }

  @Test
  void wrongMagicIsReported() {
    byte[] notARun = Record.utf8("hello\tworld\n");
    assertThatThrownBy(() -> RunsForTests.read(notARun, NAME))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining(NAME)
        .hasMessageContaining("wrong magic");
    assertThatThrownBy(() -> RunsForTests.read(new byte[0], NAME))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining("empty object");
  }

  @Test
  void bytesAfterTheEndFrameAreReported() throws IOException {
    byte[] run = RunsForTests.write(List.of(Record.of("a", "", "1")), Codec.NONE);
    byte[] longer = Arrays.copyOf(run, run.length + 1);
    assertThatThrownBy(() -> RunsForTests.read(longer, NAME))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining("after the end frame");
  }

  @Test
  void parsesCodecNamesIgnoringCase() {
    assertThat(Codec.parse("zstd")).isEqualTo(Codec.ZSTD);
    assertThat(Codec.parse("Lz4")).isEqualTo(Codec.LZ4);
    assertThat(Codec.parse("NONE")).isEqualTo(Codec.NONE);
    assertThatThrownBy(() -> Codec.parse("gzip"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gzip")
        .hasMessageContaining("none, deflate, lz4, zstd");
  }

  /** Random small records, empty fields, binary bytes and one record larger than a block. */
  private static List<Record> mixedRecords(Random random) {
    List<Record> records = new ArrayList<>();
    records.add(new Record(Record.EMPTY, Record.EMPTY, Record.EMPTY));
    for (int i = 0; i < 6000; i++) {
      records.add(RunsForTests.randomRecord(random, 500));
      if (i == 3000) {
        records.add(new Record(RunsForTests.bytes(random, 300), Record.EMPTY,
            RunsForTests.bytes(random, 3 * RunFormat.BLOCK_TARGET)));
      }
    }
    return records;
  }
}
