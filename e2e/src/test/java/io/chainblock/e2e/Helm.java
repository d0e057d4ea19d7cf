package io.chainblock.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The helm command against helm/chainblock, as a user runs it, and its rendered objects. */
public final class Helm {
  public static final Path CHART = Cli.REPO.resolve("helm/chainblock");
  static final String RELEASE = "cb";
  static final String NAMESPACE = "chainblock-system";
  /** The chart asks for 1.29+; helm template alone would assume an old 1.20. */
  private static final String KUBE_VERSION = "1.33.0";

  private Helm() {}

  public record Result(int exitCode, String out, String err) {}

  public static Path binary() {
    Path cached = Path.of(System.getenv().getOrDefault("CHAINBLOCK_TOOLS", "/var/cache/chainblock/tools"), "bin", "helm");
    if (Files.isExecutable(cached)) {
      return cached;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path onPath = Path.of(dir, "helm");
      if (!dir.isEmpty() && Files.isExecutable(onPath)) {
        return onPath;
      }
    }
    throw new IllegalStateException("helm is not installed (looked at " + cached
        + " and on PATH): run e2e/scripts/kube-binaries.sh helm, or bash e2e/run-tests.sh which runs it");
  }

  public static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary().toString()));
    command.addAll(List.of(args));
    Path errFile = Files.createTempFile("helm", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("helm " + String.join(" ", args) + " did not finish in 2 minutes");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(errFile));
    } finally {
      Files.deleteIfExists(errFile);
    }
  }

  /** helm template with --set/--set-string style arguments; fails the test unless it renders. */
  static Rendered template(String... setArgs) throws IOException, InterruptedException {
    Result result = tryTemplate(setArgs);
    if (result.exitCode() != 0) {
      throw new AssertionError("helm template " + String.join(" ", setArgs) + " failed:\n" + result.err());
    }
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(result.out())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
    }
    return new Rendered(objects);
  }

  static Result tryTemplate(String... setArgs) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("template", RELEASE, CHART.toString(), "--namespace", NAMESPACE,
        "--kube-version", KUBE_VERSION));
    args.addAll(List.of(setArgs));
    return run(args.toArray(String[]::new));
  }
}
