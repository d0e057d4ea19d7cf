package io.chainblock.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test bodies started together in the background, each test method then waiting for its own. A
 * body mostly waits on the cluster while a class's test methods run one after the other (the
 * cluster profile runs the classes at once, not their methods: JUnit's fork-join executor was seen
 * serializing blocked methods anyway), so a class's pipelines share the cluster's time this way
 * instead of queueing.
 */
final class Scenarios {
  interface Body {
    void run(Path workDir) throws Exception;
  }

  private final Path tmp;
  private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

  Scenarios(Path tmp) {
    this.tmp = tmp;
  }

  /** Starts {@code body} with a directory of its own. */
  void start(String name, Body body) {
    Path dir;
    try {
      dir = Files.createDirectories(tmp.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    running.put(name, CompletableFuture.runAsync(() -> {
      try {
        body.run(dir);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, Thread.ofVirtual().name("scenario " + name)::start));
  }

  /** Waits for the body started as {@code name}; what it threw, an assertion's failure included, is thrown here. */
  void await(String name) throws Throwable {
    CompletableFuture<Void> scenario = running.get(name);
    if (scenario == null) {
      throw new IllegalArgumentException("no scenario " + name + " was started");
    }
    try {
      scenario.join();
    } catch (CompletionException e) {
      throw e.getCause();
    }
  }
}
