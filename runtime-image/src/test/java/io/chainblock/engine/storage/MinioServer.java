package io.chainblock.engine.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MinIO server run through {@code e2e/scripts/minio.sh}, with its own state and data directory,
 * so that it can be stopped and started again at the same endpoint with its objects kept.
 */
public final class MinioServer implements AutoCloseable {
  private static final String SCRIPT = "e2e/scripts/minio.sh";

  private final Path script;
  private final Path state;
  private Map<String, String> env;

  private MinioServer(Path script, Path state) {
    this.script = script;
    this.state = state;
  }

  /** Starts a new server; fails (never skips) when MinIO is not installed, saying how to install it. */
  public static MinioServer start() {
    try {
      MinioServer server = new MinioServer(findScript(), Files.createTempDirectory("chainblock-minio-test"));
      try {
        server.startAgain();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server again after {@link #stop()}, at the same endpoint and on the same data. */
  public void startAgain() {
    Map<String, String> extra = new HashMap<>();
    if (env != null) {
      String endpoint = env.get(S3Config.ENDPOINT);
      extra.put("CHAINBLOCK_MINIO_PORT", endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }
    run(extra, "start", state.resolve("data").toString());
    try {
      env = parse(Files.readString(state.resolve("minio.env"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void stop() {
    run(Map.of(), "stop");
  }

  /** The {@code CHAINBLOCK_S3_*} variables of the running server. */
  public Map<String, String> env() {
    return env;
  }

  public String endpoint() {
    return env.get(S3Config.ENDPOINT);
  }

  public S3Config config(String bucket, String prefix) {
    return new S3Config(endpoint(), bucket, prefix, env.get(S3Config.ACCESS_KEY), env.get(S3Config.SECRET_KEY), null);
  }

  /**
   * Multipart uploads the server holds open, counted in its data directory: the SDK cannot parse
   * MinIO's answer to ListMultipartUploads (an empty StorageClass).
   */
  public long pendingMultipartUploads() throws IOException {
    Path multipart = state.resolve("data/.minio.sys/multipart");
    if (!Files.isDirectory(multipart)) {
      return 0;
    }
    try (Stream<Path> dirs = Files.walk(multipart, 2)) {
      return dirs.filter(d -> multipart.relativize(d).getNameCount() == 2 && Files.isDirectory(d)).count();
    }
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(state)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void run(Map<String, String> extra, String... args) {
    ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", script.toString()), Stream.of(args)).toList())
        .redirectErrorStream(true);
    builder.environment().put("CHAINBLOCK_MINIO_STATE", state.toString());
    builder.environment().putAll(extra);
    try {
      Process process = builder.start();
      // The server inherits no pipe of ours (the script detaches it), so reading to the end returns.
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(SCRIPT + " " + String.join(" ", args) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String envFile) {
    Map<String, String> vars = new HashMap<>();
    for (String line : envFile.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        vars.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return vars;
  }

  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return dir.resolve(SCRIPT);
      }
    }
    throw new IllegalStateException("cannot find " + SCRIPT + " above " + Path.of("").toAbsolutePath());
  }
}
