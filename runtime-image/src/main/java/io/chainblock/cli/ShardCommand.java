package io.chainblock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.exec.ShardCounters;
import io.chainblock.engine.exec.ShardManifest;
import io.chainblock.engine.exec.ShardRunner;
import io.chainblock.engine.plan.PlanFile;
import io.chainblock.engine.source.DiskChunkLocator;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageUris;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "shard",
    description = {
        "Runs exactly one shard of one block, as a pod of the block's Job does.",
        "Prints the shard's counters as one JSON line on stdout and writes them to the termination-message file."},
    mixinStandardHelpOptions = true,
    sortOptions = false,
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0   the shard succeeded and committed its output",
        "  65  the block's function, command or input is wrong: a retry fails the same way",
        "  75  storage or the machine failed: a retry may succeed"})
final class ShardCommand implements Callable<Integer> {
  /** Kubernetes keeps at most 4 KiB of a termination message. */
  static final int TERMINATION_MESSAGE_LIMIT = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--plan", required = true, paramLabel = "FILE", description = "The plan file (JSON: the run plan and the data locations).")
  Path planFile;

  @Option(names = "--block", required = true, paramLabel = "NAME", description = "The block to run a shard of.")
  String block;

  @Option(names = "--index", paramLabel = "N", description = "The shard index. Default: $JOB_COMPLETION_INDEX, as an indexed Job sets it.")
  Integer index;

  @Option(names = "--attempt", paramLabel = "N", description = "Which try of this shard this is: it names the objects this try writes. Default: $CHAINBLOCK_ATTEMPT, else 0.")
  Integer attempt;

  @Mixin
  EngineOptions engine;

  @Option(names = "--scratch", paramLabel = "DIR", description = "Local directory for spills. Default: java.io.tmpdir.")
  Path scratch;

  @Option(names = "--termination-log", paramLabel = "FILE", description = "Where the counters go for the operator (default ${DEFAULT-VALUE}); skipped when its directory does not exist.")
  Path terminationLog = Path.of("/dev/termination-log");

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int shard = index != null ? index : intFromEnv("JOB_COMPLETION_INDEX", -1);
    int tryNumber = attempt != null ? attempt : intFromEnv("CHAINBLOCK_ATTEMPT", 0);
    if (shard < 0) {
      err.println("chainblock shard: no shard index: pass --index N or set JOB_COMPLETION_INDEX");
      return ExitCodes.USAGE;
    }
    String label = block + "/" + shard + " attempt " + tryNumber;
    ShardCounters counters = new ShardCounters();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    try {
      PlanFile file = PlanFile.read(planFile);
      if (shard >= file.plan().block(block).shards()) {
        err.println("chainblock shard: block " + block + " has " + file.plan().block(block).shards()
            + " shards; there is no shard " + shard);
        return ExitCodes.USAGE;
      }
      err.println("shard " + label + ": starting");
      ticker.scheduleAtFixedRate(() -> err.println("shard " + label + ": " + describe(counters.snapshot())),
          10, 10, TimeUnit.SECONDS);
      try (Storage intermediates = StorageUris.open(file.locations().intermediates());
           Storage output = StorageUris.open(file.locations().output());
           DiskChunkLocator disks = new DiskChunkLocator(file.plan(), file.locations().disks(), System.getenv())) {
        ShardRunner runner = new ShardRunner(file.plan(), intermediates, output, disks, settings());
        ShardManifest manifest = runner.run(block, shard, tryNumber, counters);
        String json = report(label, "Succeeded", manifest.counters(), null);
        out.println(json);
        out.flush();
        writeTerminationMessage(json);
        err.println("shard " + label + ": succeeded: " + describe(manifest.counters()));
        return ExitCodes.OK;
      }
    } catch (UserCodeException e) {
      return fail(label, counters, e.getMessage(), ExitCodes.SHARD_USER_ERROR);
    } catch (Exception e) {
      return fail(label, counters, e.getMessage() == null ? e.toString() : e.getMessage(), ExitCodes.SHARD_RETRYABLE);
    } finally {
      ticker.shutdownNow();
    }
  }

  private int fail(String label, ShardCounters counters, String message, int exitCode) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    err.println("shard " + label + ": failed: " + message);
    writeTerminationMessage(report(label, "Failed", counters.snapshot(), message));
    return exitCode;
  }

  private ShardRunner.Settings settings() {
    Path scratchDir = scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir"), "chainblock");
    return engine.settings(Runtime.getRuntime().maxMemory() / 2, scratchDir);
  }

  /**
   * The counters as one JSON object; the error is cut so the whole message fits the 4 KiB
   * Kubernetes keeps, since the operator shows it in the pipeline's status.
   */
  static String report(String shard, String phase, ShardCounters.Snapshot c, String error) throws Exception {
    ObjectNode json = JSON.createObjectNode();
    json.put("shard", shard);
    json.put("phase", phase);
    json.put("recordsIn", c.recordsIn());
    json.put("recordsOut", c.recordsOut());
    json.put("bytesIn", c.bytesIn());
    json.put("bytesOut", c.bytesOut());
    json.put("spills", c.spills());
    json.put("seconds", Math.round(c.seconds() * 1000) / 1000.0);
    if (error != null) {
      String kept = error;
      json.put("error", kept);
      while (JSON.writeValueAsBytes(json).length > TERMINATION_MESSAGE_LIMIT) {
        kept = kept.substring(0, kept.length() * 3 / 4);
        json.put("error", kept + "...");
      }
    }
    return JSON.writeValueAsString(json);
  }

  private void writeTerminationMessage(String json) throws Exception {
    Path dir = terminationLog.toAbsolutePath().getParent();
    if (dir != null && Files.isDirectory(dir)) {
      Files.write(terminationLog, json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String describe(ShardCounters.Snapshot c) {
    return String.format(Locale.ROOT, "%d records in, %d out, %d bytes in, %d out, %d spills, %.1fs",
        c.recordsIn(), c.recordsOut(), c.bytesIn(), c.bytesOut(), c.spills(), c.seconds());
  }

  private static int intFromEnv(String name, int otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
  }
}
