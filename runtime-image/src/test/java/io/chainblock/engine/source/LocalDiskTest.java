package io.chainblock.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.chainblock.engine.UserCodeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskTest {
  @TempDir
  Path tmp;

  private record Line(String key, String value) {}

  private static List<Line> records(List<Chunk> chunks, DiskFormat format) throws Exception {
    List<Line> out = new ArrayList<>();
    for (Chunk chunk : chunks) {
      ChunkRecords.read(chunk, format, (k, v) -> out.add(new Line(new String(k, StandardCharsets.US_ASCII),
          new String(v, StandardCharsets.UTF_8))));
    }
    return out;
  }

  @Test
  void textChunksEndAfterANewlineAndNeverExceedTheChunkSize() throws Exception {
    Files.writeString(tmp.resolve("a.txt"), "one\ntwo\nthree\nfour\n");

    List<Chunk> chunks = LocalDisk.chunks(tmp, DiskFormat.TEXT, 10);

    assertThat(chunks).extracting(Chunk::offset, Chunk::length)
        .containsExactly(tuple(0L, 8L), tuple(8L, 6L),
            tuple(14L, 5L));
    assertThat(records(chunks, DiskFormat.TEXT)).containsExactly(
        new Line("00000000000000000000", "one"), new Line("00000000000000000004", "two"),
        new Line("00000000000000000008", "three"), new Line("00000000000000000014", "four"));
  }

  @Test
  void filesAreReadInNameOrderWithDiskWideOffsetsSkippingMarkers() throws Exception {
    Files.writeString(tmp.resolve("b.txt"), "bee");
    Files.writeString(tmp.resolve("a.txt"), "ay\n");
    Files.writeString(tmp.resolve("_manifest.json"), "{}");
    Files.writeString(tmp.resolve(".hidden"), "no");

    List<Chunk> chunks = LocalDisk.chunks(tmp, DiskFormat.TEXT, 64 << 20);

    assertThat(records(chunks, DiskFormat.TEXT)).containsExactly(
        new Line("00000000000000000000", "ay"), new Line("00000000000000000003", "bee"));
  }

  @Test
  void binaryChunksAreExactBlocksAndTheLastIsShort() throws Exception {
    byte[] data = new byte[25];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    Files.write(tmp.resolve("blob"), data);

    List<Chunk> chunks = LocalDisk.chunks(tmp.resolve("blob"), DiskFormat.BINARY, 10);

    assertThat(chunks).extracting(Chunk::length).containsExactly(10L, 10L, 5L);
    try (var in = chunks.get(2).open()) {
      assertThat(in.readAllBytes()).containsExactly(20, 21, 22, 23, 24);
    }
  }

  @Test
  void aLineLongerThanTheChunkSizeIsAnErrorThatSaysWhatToRaise() throws Exception {
    Files.writeString(tmp.resolve("long.txt"), "short\n" + "x".repeat(50) + "\n");

    assertThatThrownBy(() -> LocalDisk.chunks(tmp, DiskFormat.TEXT, 20))
        .isInstanceOf(UserCodeException.class)
        .hasMessageContaining("long.txt: the line starting at byte 6 is longer than the Disk's chunkSize (20 bytes)")
        .hasMessageContaining("raise spec.chunkSize");
  }

  @Test
  void aLineSpanningTheReadBufferIsKeptWhole() throws Exception {
    String longLine = "y".repeat(3 << 20);
    Files.writeString(tmp.resolve("big.txt"), "a\n" + longLine + "\nb");

    List<Line> lines = records(LocalDisk.chunks(tmp, DiskFormat.TEXT, 64 << 20), DiskFormat.TEXT);

    assertThat(lines).extracting(Line::value).containsExactly("a", longLine, "b");
  }
}
