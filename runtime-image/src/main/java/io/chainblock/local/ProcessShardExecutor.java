package io.chainblock.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.exec.ShardCounters;
import io.chainblock.engine.exec.ShardExit;
import io.chainblock.engine.exec.ShardRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs each shard as a {@code chainblock shard} process of its own, exactly as a pod runs it: the
 * plan file in, the counters from the termination message out, the exit code saying whether a
 * retry may help. The local runner uses it to prove a run through the pod's code path.
 */
public final class ProcessShardExecutor implements LocalRunner.ShardExecutor {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path planFile;
  private final Path workDir;
  private final ShardRunner.Settings settings;
  private final Map<String, String> environment;

  /** @param environment added to the child's environment (S3 settings) */
  public ProcessShardExecutor(Path planFile, Path workDir, ShardRunner.Settings settings,
      Map<String, String> environment) {
    this.planFile = planFile;
    this.workDir = workDir;
    this.settings = settings;
    this.environment = environment;
  }

  @Override
  public void run(String block, int shard, int attempt, ShardCounters counters) throws Exception {
    Path report = workDir.resolve("termination").resolve(block + "-" + shard + "-" + attempt + ".json");
    Files.createDirectories(report.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + Math.max(64, settings.memoryBudgetBytes() * 3 >> 20) + "m");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.chainblock.cli.Main");
    command.addAll(List.of("shard", "--plan", planFile.toString(), "--block", block,
        "--index", String.valueOf(shard), "--attempt", String.valueOf(attempt),
        "--memory", String.valueOf(settings.memoryBudgetBytes()), "--codec", settings.codec().name(),
        "--fan-in", String.valueOf(settings.mergeFanIn()), "--scratch", settings.scratchRoot().toString(),
        "--termination-log", report.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(environment);
    Process process = builder.start();
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
    JsonNode result = Files.exists(report) ? JSON.readTree(Files.readString(report, StandardCharsets.UTF_8)) : null;
    if (exit == 0 && result != null) {
      counters.finish(new ShardCounters.Snapshot(result.get("recordsIn").asLong(), result.get("recordsOut").asLong(),
          result.get("bytesIn").asLong(), result.get("bytesOut").asLong(), result.get("spills").asLong(),
          result.get("seconds").asDouble()));
      return;
    }
    String error = result != null && result.has("error") ? result.get("error").asText()
        : "the shard process exited with status " + exit;
    if (exit == ShardExit.USER_ERROR) {
      throw new UserCodeException(error);
    }
    throw new IOException(error + " (shard process exit status " + exit + ")");
  }
}
