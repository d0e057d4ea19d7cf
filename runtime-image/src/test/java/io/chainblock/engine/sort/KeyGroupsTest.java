package io.chainblock.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.engine.format.Codec;
import io.chainblock.engine.format.RunReader;
import io.chainblock.engine.format.RunsForTests;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyGroupsTest {
  @Test
  void walksEachKeyOnceWithItsRecordsInOrder() throws IOException {
    List<String> seen = new ArrayList<>();
    try (KeyGroups groups = groups(Record.of("a", "1", "x"), Record.of("a", "2", "y"),
        Record.of("b", "", "z"), Record.of("c", "1", "u"), Record.of("c", "1", "v"))) {
      while (groups.nextKey()) {
        StringBuilder group = new StringBuilder(new String(groups.key()) + ":");
        while (groups.nextRecord()) {
          group.append(groups.record().valueString());
        }
        seen.add(group.toString());
      }
    }
    assertThat(seen).containsExactly("a:xy", "b:z", "c:uv");
  }

  @Test
  void skipsWhatAHandlerDidNotRead() throws IOException {
    List<String> keys = new ArrayList<>();
    try (KeyGroups groups = groups(Record.of("a", "1", "x"), Record.of("a", "2", "y"),
        Record.of("b", "", "z"), Record.of("b", "", "w"))) {
      while (groups.nextKey()) {
        keys.add(new String(groups.key()));
        if (groups.key()[0] == 'b') {
          assertThat(groups.nextRecord()).isTrue();
          assertThat(groups.record().valueString()).isEqualTo("z");
        }
      }
    }
    assertThat(keys).containsExactly("a", "b");
  }

  @Test
  void emptyKeysAreKeysToo() throws IOException {
    try (KeyGroups groups = groups(Record.of("", "", "1"), Record.of("", "", "2"))) {
      assertThat(groups.nextKey()).isTrue();
      assertThat(groups.key()).isEmpty();
      assertThat(groups.nextRecord()).isTrue();
      assertThat(groups.nextRecord()).isTrue();
      assertThat(groups.nextRecord()).isFalse();
      assertThat(groups.nextKey()).isFalse();
    }
  }

  @Test
  void anEmptyCursorHasNoKeys() throws IOException {
    try (KeyGroups groups = groups()) {
      assertThat(groups.nextKey()).isFalse();
    }
  }

  private static KeyGroups groups(Record... records) throws IOException {
    byte[] run = RunsForTests.write(List.of(records), Codec.NONE);
    return new KeyGroups(new RunReader(new ByteArrayInputStream(run), "test"));
  }
}
