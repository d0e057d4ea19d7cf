package io.chainblock.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A program the suite runs as a user would type it (kubectl, helm, chainblock), and what it printed. */
record Command(List<String> args, int exitCode, String out, String err) {

  static Command run(List<String> args, Map<String, String> env, Duration timeout) {
    Path errFile = null;
    try {
      errFile = Files.createTempFile("cluster-suite-", ".err");
      ProcessBuilder builder = new ProcessBuilder(args).redirectError(errFile.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      // read stdout on another thread so that a program printing more than a pipe holds cannot block
      var stdout = new CompletableFuture<byte[]>();
      Thread.ofVirtual().start(() -> {
        try {
          stdout.complete(process.getInputStream().readAllBytes());
        } catch (IOException e) {
          stdout.completeExceptionally(e);
        }
      });
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", args) + " did not finish in " + timeout.toSeconds()
            + " s; its stderr: " + Files.readString(errFile));
      }
      String out = new String(stdout.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
      return new Command(args, process.exitValue(), out, Files.readString(errFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", args), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the output of " + String.join(" ", args), e);
    } finally {
      if (errFile != null) {
        try {
          Files.deleteIfExists(errFile);
        } catch (IOException ignored) {
          // a temporary file left behind harms nothing
        }
      }
    }
  }

  /** This result, or an error with the command line, its exit code and its stderr unless it exited 0. */
  Command orFail() {
    if (exitCode != 0) {
      throw new IllegalStateException(String.join(" ", args) + " exited " + exitCode + ":\n" + err + out);
    }
    return this;
  }
}
