package io.chainblock.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubectl built with the test binaries, pointed at the test API server, run as a user types it.
 *
 * @param binary the kubectl executable
 * @param kubeconfig a kubeconfig file for the test server
 * @param workDir where kubectl keeps its discovery cache and its error output, instead of ~/.kube
 */
public record Kubectl(Path binary, Path kubeconfig, Path workDir) {

  /** Runs {@code kubectl ARGS…} and returns what it printed on stdout; fails with its stderr unless it exits 0. */
  public String run(String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", workDir.resolve("kubectl-cache").toString()));
    command.addAll(List.of(args));
    try {
      Path stderr = Files.createTempFile(workDir, "kubectl-", ".err");
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      String errors = Files.readString(stderr);
      Files.delete(stderr);
      if (exit != 0) {
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " exited " + exit + ": " + errors);
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while kubectl " + String.join(" ", args) + " ran", e);
    }
  }
}
