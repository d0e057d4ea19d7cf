package io.chainblock.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link Storage} promises, run against each implementation by a subclass. */
public abstract class StorageContractTest {
  protected Storage storage;

  /** A storage on an empty place of its own, for one test. */
  protected abstract Storage newStorage() throws Exception;

  @AfterEach
  void closeStorage() throws Exception {
    if (storage != null) {
      storage.close();
    }
  }

  protected Storage storage() throws Exception {
    if (storage == null) {
      storage = newStorage();
    }
    return storage;
  }

  @Test
  void writtenObjectReadsBackIdentical() throws Exception {
    byte[] data = randomBytes(300_000, 1);
    write("a/b/object", data);
    assertThat(read("a/b/object")).isEqualTo(data);
  }

  @Test
  void aRangeReadsJustThoseBytesAndStopsAtTheObjectsEnd() throws Exception {
    byte[] data = randomBytes(300_000, 2);
    write("ranged", data);

    byte[] middle;
    try (InputStream in = storage().open("ranged", 123_456, 1000)) {
      middle = in.readAllBytes();
    }
    byte[] tail;
    try (InputStream in = storage().open("ranged", 299_990, 50)) {
      tail = in.readAllBytes();
    }

    assertThat(middle).isEqualTo(Arrays.copyOfRange(data, 123_456, 124_456));
    assertThat(tail).isEqualTo(Arrays.copyOfRange(data, 299_990, 300_000));
    assertThatThrownBy(() -> storage().open("no-such-object", 0, 10)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void emptyObjectExistsAndReadsEmpty() throws Exception {
    write("empty", new byte[0]);
    assertThat(storage().exists("empty")).isTrue();
    assertThat(read("empty")).isEmpty();
    assertThat(storage().list("")).containsExactly(new StoredObject("empty", 0));
  }

  @Test
  void objectIsInvisibleUntilClosed() throws Exception {
    try (StorageOutput out = storage().create("pending")) {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      assertThat(storage().exists("pending")).isFalse();
      assertThat(storage().list("")).isEmpty();
      assertThat(out.written()).isEqualTo(4);
    }
    assertThat(storage().exists("pending")).isTrue();
  }

  @Test
  void abortedObjectNeverAppears() throws Exception {
    StorageOutput out = storage().create("dropped");
    out.write(randomBytes(1000, 2));
    out.abort();
    out.close();
    assertThat(storage().exists("dropped")).isFalse();
    assertThat(storage().list("")).isEmpty();
  }

  @Test
  void abortAfterCloseKeepsTheObject() throws Exception {
    StorageOutput out = storage().create("kept");
    out.write(7);
    out.close();
    out.abort();
    assertThat(read("kept")).containsExactly(7);
  }

  @Test
  void writingAgainReplacesTheObject() throws Exception {
    write("x", "first".getBytes(StandardCharsets.UTF_8));
    write("x", "second".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(read("x"), StandardCharsets.UTF_8)).isEqualTo("second");
  }

  @Test
  void listIsSortedAndFilteredByPrefix() throws Exception {
    for (String path : List.of("b/1", "a/2", "a/10", "ab", "a/1", "c")) {
      write(path, path.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(storage().list("").stream().map(StoredObject::path))
        .containsExactly("a/1", "a/10", "a/2", "ab", "b/1", "c");
    assertThat(storage().list("a/")).containsExactly(
        new StoredObject("a/1", 3), new StoredObject("a/10", 4), new StoredObject("a/2", 3));
    assertThat(storage().list("a").stream().map(StoredObject::path)).containsExactly("a/1", "a/10", "a/2", "ab");
    assertThat(storage().list("a/1").stream().map(StoredObject::path)).containsExactly("a/1", "a/10");
    assertThat(storage().list("nothing/")).isEmpty();
  }

  @Test
  void deleteRemovesOneObjectAndIgnoresMissingOnes() throws Exception {
    write("d/1", new byte[] {1});
    write("d/2", new byte[] {2});
    storage().delete("d/1");
    storage().delete("d/never-written");
    assertThat(storage().exists("d/1")).isFalse();
    assertThat(storage().list("").stream().map(StoredObject::path)).containsExactly("d/2");
  }

  @Test
  void deletePrefixRemovesOnlyWhatStartsWithIt() throws Exception {
    for (String path : List.of("run/1/a", "run/1/b", "run/10/a", "run/2/a", "other")) {
      write(path, new byte[] {1});
    }
    storage().deletePrefix("run/1/");
    assertThat(storage().list("").stream().map(StoredObject::path)).containsExactly("other", "run/10/a", "run/2/a");
    storage().deletePrefix("run/");
    assertThat(storage().list("").stream().map(StoredObject::path)).containsExactly("other");
    storage().deletePrefix("missing/");
  }

  @Test
  void openingAMissingObjectNamesIt() throws Exception {
    assertThatThrownBy(() -> storage().open("no/such/object"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(storage().describe("no/such/object"));
  }

  @Test
  void describeEndsWithThePath() throws Exception {
    assertThat(storage().describe("x/y")).endsWith("x/y");
  }

  protected void write(String path, byte[] data) throws Exception {
    try (StorageOutput out = storage().create(path)) {
      out.write(data);
    }
  }

  protected byte[] read(String path) throws Exception {
    try (InputStream in = storage().open(path)) {
      return in.readAllBytes();
    }
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  protected static void assertIoFailure(ThrowingOperation operation, String... messageParts) {
    assertThatThrownBy(operation::run).isInstanceOf(IOException.class).message().contains(messageParts);
  }

  /** An operation expected to fail. */
  @FunctionalInterface
  protected interface ThrowingOperation {
    void run() throws Exception;
  }
}
