package io.chainblock.engine.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample pipeline files under src/test/resources/pipelines. */
final class PipelineSamples {
  private PipelineSamples() {}

  static Path directory(String name) {
    try {
      return Path.of(PipelineSamples.class.getResource("/pipelines/" + name).toURI());
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static Path file(String name) {
    return directory(name.substring(0, name.indexOf('/'))).resolve(name.substring(name.indexOf('/') + 1));
  }

  static Stream<Path> all(String directory) {
    try (Stream<Path> files = Files.list(directory(directory))) {
      return files.sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code # expect: } lines at the top of a sample: the exact messages it must produce. */
  static List<String> expectations(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(line -> line.startsWith("# expect: "))
        .map(line -> line.substring("# expect: ".length()))
        .toList();
  }
}
