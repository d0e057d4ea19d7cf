package io.chainblock.e2e.cluster;

import io.chainblock.e2e.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubectl against the cluster under test, run as a user types it. The binary is
 * {@code $CHAINBLOCK_KUBECTL}, else the one e2e/scripts/kube-binaries.sh built for the pinned
 * release, else the first on PATH (a Kind machine's own).
 */
record Kubectl(Path binary, Path kubeconfig) {
  private static final Pattern PINNED_RELEASE = Pattern.compile("^\\s*k8s\\.io/kubernetes (v\\S+)", Pattern.MULTILINE);
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  static Kubectl forKubeconfig(Path kubeconfig) {
    return new Kubectl(find(), kubeconfig);
  }

  /** Runs {@code kubectl ARGS…}; fails with its stderr unless it exits 0. */
  String run(String... args) {
    return tryRun(TIMEOUT, args).orFail().out();
  }

  Command tryRun(Duration timeout, String... args) {
    return Command.run(command(args), Map.of(), timeout);
  }

  List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static Path find() {
    String configured = System.getenv("CHAINBLOCK_KUBECTL");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path built = Path.of(System.getenv().getOrDefault("CHAINBLOCK_KUBE_CACHE", "/var/cache/chainblock/kube"),
        pinnedRelease(), "bin", "kubectl");
    if (Files.isExecutable(built)) {
      return built;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path onPath = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
      if (Files.isExecutable(onPath)) {
        return onPath;
      }
    }
    throw new IllegalStateException("kubectl is not installed (looked at $CHAINBLOCK_KUBECTL, " + built
        + " and on PATH): run e2e/scripts/kube-binaries.sh kubectl");
  }

  private static String pinnedRelease() {
    Path goMod = Cli.REPO.resolve("e2e/kube-build/go.mod");
    try {
      Matcher m = PINNED_RELEASE.matcher(Files.readString(goMod));
      if (!m.find()) {
        throw new IllegalStateException("no k8s.io/kubernetes requirement in " + goMod);
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + goMod, e);
    }
  }
}
