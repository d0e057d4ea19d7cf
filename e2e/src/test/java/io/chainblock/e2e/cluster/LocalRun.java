package io.chainblock.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.e2e.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The same pipeline file run by the local runner ({@code chainblock run}), the reference every
 * cluster run must agree with: its output parts and its per-block counters.
 */
record LocalRun(Cli cli, Path out, JsonNode summary) {

  static LocalRun of(Path pipeline, Path workDir, Map<String, Path> disks) {
    Path out = workDir.resolve("local-out");
    Path summary = workDir.resolve("local-summary.json");
    List<String> args = new ArrayList<>(List.of("run", pipeline.toString(), "--out", out.toString(),
        "--progress", "none", "--summary-json", summary.toString()));
    disks.forEach((name, path) -> args.addAll(List.of("--disk", name + "=" + path)));
    Cli cli = Cli.run(args.toArray(String[]::new));
    try {
      JsonNode json = Files.exists(summary) ? new ObjectMapper().readTree(summary.toFile()) : null;
      return new LocalRun(cli, out, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The output parts by name (the manifest left out); fails unless the run succeeded. */
  Map<String, byte[]> parts() {
    if (cli.exitCode() != 0) {
      throw new AssertionError("the local runner failed (exit " + cli.exitCode() + "): " + cli.err() + cli.out());
    }
    Map<String, byte[]> parts = new TreeMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.startsWith("_")) {
          parts.put(name, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parts;
  }

  /** The summary row of one block: name, shards, recordsIn, recordsOut, bytesIn, bytesOut… */
  JsonNode block(String name) {
    for (JsonNode row : summary.path("blocks")) {
      if (name.equals(row.path("name").asText())) {
        return row;
      }
    }
    throw new AssertionError("the local run's summary has no block " + name + ": " + summary);
  }
}
