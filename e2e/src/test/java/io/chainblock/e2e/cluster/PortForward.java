package io.chainblock.e2e.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kubectl port-forward} to a Service: how the test JVM reaches MinIO on any cluster (a
 * cluster IP is not routable from a Kind host). A forward that died, as one does when its
 * connection to the kubelet breaks, is started again on the next call.
 */
final class PortForward implements AutoCloseable {
  private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) ->");

  private final Kubectl kubectl;
  private final String namespace;
  private final String service;
  private final int port;
  private Process process;
  private int localPort;

  PortForward(Kubectl kubectl, String namespace, String service, int port) {
    this.kubectl = kubectl;
    this.namespace = namespace;
    this.service = service;
    this.port = port;
  }

  /** http://127.0.0.1:PORT, forwarded to the Service's port. */
  synchronized String endpoint() {
    if (process == null || !process.isAlive()) {
      start();
    }
    return "http://127.0.0.1:" + localPort;
  }

  private void start() {
    List<String> command = kubectl.command("port-forward", "-n", namespace, "svc/" + service, ":" + port,
        "--address", "127.0.0.1");
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    }
    CompletableFuture<Integer> forwarded = new CompletableFuture<>();
    StringBuilder printed = new StringBuilder();
    Process started = process;
    Thread.ofPlatform().daemon().name("port-forward " + service).start(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          Matcher m = FORWARDING.matcher(line);
          if (m.find()) {
            forwarded.complete(Integer.parseInt(m.group(1)));
          } else if (!forwarded.isDone()) {
            printed.append(line).append('\n');
          } else if (!line.startsWith("Handling connection")) {
            System.out.println("[port-forward " + service + "] " + line);
          }
        }
      } catch (IOException ignored) {
        // the process ended; the next endpoint() starts another
      }
      forwarded.completeExceptionally(new IllegalStateException(printed.toString()));
    });
    try {
      localPort = forwarded.get(90, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("kubectl port-forward to svc/" + service + " in " + namespace
          + " did not start: " + (e.getCause() == null ? e : e.getCause().getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while starting a port-forward", e);
    }
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroy();
    }
  }
}
