package io.chainblock.cli;

import io.chainblock.api.v1alpha1.OutputSpec;
import io.chainblock.engine.FileTrees;
import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.exec.ShardRunner;
import io.chainblock.engine.plan.DiskCatalog;
import io.chainblock.engine.plan.DiskPlan;
import io.chainblock.engine.plan.Locations;
import io.chainblock.engine.plan.PipelineDocuments;
import io.chainblock.engine.plan.PipelineFile;
import io.chainblock.engine.plan.PipelineFileException;
import io.chainblock.engine.plan.PipelineValidators;
import io.chainblock.engine.plan.PlanFile;
import io.chainblock.engine.plan.Problem;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.engine.source.DiskChunkLocator;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.S3Config;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageUris;
import io.chainblock.local.BlockProgress;
import io.chainblock.local.LocalRunner;
import io.chainblock.local.ProcessShardExecutor;
import io.chainblock.local.ProgressDisplay;
import io.chainblock.local.SummaryTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run",
    description = {
        "Runs a pipeline with no cluster: shards as threads of this JVM, or as processes of their own.",
        "Each source Disk's data comes from --disk NAME=LOCATION: a file, a directory whose files are read in name"
            + " order, or a Disk in S3 (s3://BUCKET/PREFIX/). The terminal blocks' parts go to --out."},
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class RunCommand implements Callable<Integer> {
  private static final List<String> PROGRESS_MODES = List.of("auto", "tty", "log", "none");
  private static final List<String> EXECUTORS = List.of("threads", "processes");

  @Spec
  CommandSpec spec;

  /** The environment S3 settings come from; tests give the one of their MinIO server. */
  Map<String, String> environment = System.getenv();

  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline YAML file (a ChainPipeline and its Disks).")
  Path pipelineFile;

  @Option(names = "--disk", paramLabel = "NAME=LOCATION", description = "The data of a Disk: a file, a directory, or s3://BUCKET/PREFIX/.")
  Map<String, String> disks = new LinkedHashMap<>();

  @Option(names = "--out", paramLabel = "LOCATION", description = "Directory (or s3://BUCKET/PREFIX/) for the output parts. Default: ./<spec.output.disk>.")
  String out;

  @Option(names = "--overwrite", description = "Empty a non-empty --out first instead of refusing to run.")
  boolean overwrite;

  @Option(names = "--storage", paramLabel = "LOCATION", description = "Where shards exchange intermediate files: s3://BUCKET/PREFIX/ or a directory. Default: a directory under --work.")
  String storage;

  @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint for s3:// locations. Default: $CHAINBLOCK_S3_ENDPOINT (credentials: $CHAINBLOCK_S3_ACCESS_KEY and _SECRET_KEY).")
  String endpoint;

  @Option(names = "--executor", paramLabel = "KIND", description = "threads (the default) or processes: one `chainblock shard` process per shard, as pods run them.")
  String executor = "threads";

  @Option(names = "--threads", paramLabel = "N", description = "Shards running at once. Default: the number of CPUs (${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--retries", paramLabel = "N", description = "Retries of a shard that failed for a reason other than the block's code (default ${DEFAULT-VALUE}).")
  int retries = 2;

  @Mixin
  EngineOptions engine;

  @Option(names = "--work", paramLabel = "DIR", description = "Directory for intermediate and scratch files. Default: a new directory under java.io.tmpdir, removed afterwards.")
  Path work;

  @Option(names = "--keep-work", description = "Keep the intermediate files after the run.")
  boolean keepWork;

  @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the per-block table as JSON, for scripts.")
  Path summaryJson;

  @Option(names = "--progress", paramLabel = "MODE", description = "auto, tty (redrawn lines), log (a line per change) or none (default ${DEFAULT-VALUE}).")
  String progress = "auto";

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (threads < 1 || retries < 0 || engine.fanIn < 2 || !PROGRESS_MODES.contains(progress) || !EXECUTORS.contains(executor)) {
      err.println("chainblock run: --threads must be at least 1, --retries at least 0, --fan-in at least 2,"
          + " --progress one of " + PROGRESS_MODES + " and --executor one of " + EXECUTORS);
      return ExitCodes.USAGE;
    }
    PipelineDocuments docs;
    try {
      docs = PipelineFile.load(pipelineFile);
    } catch (PipelineFileException e) {
      err.println(e.getMessage());
      return ExitCodes.INVALID_PIPELINE;
    }
    List<Problem> problems = PipelineValidators.standard().validate(docs.pipeline(), DiskCatalog.forLocalRun(disks.keySet()));
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println(pipelineFile + ": " + p));
      return ExitCodes.INVALID_PIPELINE;
    }
    RunPlan plan = RunPlan.of(docs.pipeline(), docs.disks(), "local", "run-" + UUID.randomUUID().toString().substring(0, 8));
    Map<String, String> env = env();
    Path workDir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("chainblock-run-");
    Locations locations = new Locations(storage != null ? storage : workDir.resolve("objects").toString(),
        out != null ? out : plan.output().disk(), Map.copyOf(disks));
    try (DiskChunkLocator chunks = new DiskChunkLocator(plan, locations.disks(), env);
         Storage intermediates = StorageUris.open(locations.intermediates(), env);
         Storage output = StorageUris.open(locations.output(), env)) {
      if (intermediates instanceof S3Storage s3) {
        s3.createBucketIfMissing();
      }
      String problem = checkInputs(plan, chunks);
      if (problem == null) {
        problem = prepareOutput(output, locations.output());
      }
      if (problem != null) {
        err.println("chainblock run: " + problem);
        return ExitCodes.INPUT_ERROR;
      }
      return run(plan, locations, chunks, intermediates, output, workDir, env);
    } catch (IOException e) {
      err.println("chainblock run: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    } finally {
      if (!keepWork) {
        FileTrees.delete(workDir);
      }
    }
  }

  private int run(RunPlan plan, Locations locations, DiskChunkLocator chunks, Storage intermediates, Storage output,
      Path workDir, Map<String, String> env) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ShardRunner.Settings settings = engine.settings(defaultMemoryBudget(), workDir.resolve("scratch"));
    LocalRunner.ShardExecutor shards;
    if (executor.equals("processes")) {
      Path planFile = workDir.resolve("plan.json");
      new PlanFile(plan, locations).write(planFile);
      shards = new ProcessShardExecutor(planFile, workDir, settings, s3Settings(env));
    } else {
      shards = new ShardRunner(plan, intermediates, output, chunks, settings)::run;
    }
    LocalRunner runner = new LocalRunner(plan, shards, new LocalRunner.Options(threads, retries));
    long start = System.nanoTime();
    String failure = null;
    ProgressDisplay display = progressDisplay(runner);
    try {
      runner.run();
    } catch (LocalRunner.PipelineFailedException e) {
      failure = e.getMessage();
    } finally {
      if (display != null) {
        display.close();
      }
    }
    List<BlockProgress.View> views = runner.progress().stream().map(BlockProgress::view).toList();
    PrintWriter out = spec.commandLine().getOut();
    SummaryTable.print(views, out);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (summaryJson != null) {
      SummaryTable.writeJson(plan.pipeline(), failure == null, seconds, views, summaryJson);
    }
    if (failure != null) {
      err.println("chainblock run: pipeline " + plan.pipeline() + " failed: " + failure);
      err.println("chainblock run: output parts written so far are kept in " + locations.output()
          + (keepWork ? "; intermediate files in " + locations.intermediates() : ""));
      return ExitCodes.RUN_FAILED;
    }
    if (!keepWork) {
      intermediates.deletePrefix("runs/" + plan.namespace() + "/" + plan.pipeline() + "/" + plan.runId() + "/");
    }
    DiskManifest manifest = DiskManifest.of(output, "", plan.output().disk(), outputFormat(plan));
    manifest.write(output, "");
    out.printf("pipeline %s succeeded in %.1fs: %d part(s), %d bytes in %s%n", plan.pipeline(), seconds,
        manifest.chunks().size(), manifest.bytes(), locations.output());
    out.flush();
    return ExitCodes.OK;
  }

  /** Lists every source Disk's chunks now, so a missing input stops the run before any shard starts. */
  private String checkInputs(RunPlan plan, DiskChunkLocator chunks) throws IOException {
    for (DiskPlan disk : plan.disks().values()) {
      String location = disks.get(disk.name());
      if (StorageUris.isLocal(location) && !Files.exists(StorageUris.localPath(location))) {
        return "--disk " + disk.name() + "=" + location + ": no such file or directory";
      }
      try {
        chunks.chunks(disk.name());
      } catch (UserCodeException e) {
        return "--disk " + disk.name() + "=" + location + ": " + e.getMessage();
      }
    }
    return null;
  }

  /** Null when the output location is ready for the parts; else what is wrong and how to fix it. */
  private String prepareOutput(Storage output, String location) throws IOException {
    if (StorageUris.isLocal(location)) {
      Path dir = StorageUris.localPath(location);
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        return "--out " + location + " is a file: name a directory";
      }
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            return emptyOrRefuse(output, location);
          }
        }
      }
      Files.createDirectories(dir);
      return null;
    }
    if (output instanceof S3Storage s3) {
      s3.createBucketIfMissing();
    }
    return output.list("").isEmpty() ? null : emptyOrRefuse(output, location);
  }

  private String emptyOrRefuse(Storage output, String location) throws IOException {
    if (!overwrite) {
      return "--out " + location + " is not empty: pass --overwrite to replace its contents, or name another location";
    }
    output.deletePrefix("");
    return null;
  }

  /** The environment with --endpoint laid over it, for s3:// locations. */
  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(environment);
    if (endpoint != null) {
      env.put(S3Config.ENDPOINT, endpoint);
    }
    return env;
  }

  /** What a shard process needs to reach S3: the CHAINBLOCK_S3_ variables in force here. */
  private static Map<String, String> s3Settings(Map<String, String> env) {
    Map<String, String> settings = new HashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("CHAINBLOCK_S3_")) {
        settings.put(name, value);
      }
    });
    return settings;
  }

  /** Raw values are bytes with no line structure; tsv and lines outputs are text. */
  private static DiskFormat outputFormat(RunPlan plan) {
    return plan.output().format() == OutputSpec.Format.VALUES ? DiskFormat.BINARY : DiskFormat.TEXT;
  }

  /** The display for --progress, or null for none. */
  private ProgressDisplay progressDisplay(LocalRunner runner) {
    boolean tty = switch (progress) {
      case "tty" -> true;
      case "log", "none" -> false;
      default -> System.console() != null;
    };
    return "none".equals(progress) ? null : new ProgressDisplay(runner, System.err, tty, 10).start();
  }

  /** Half the heap, shared by the shards that run at once, within sane bounds. */
  private long defaultMemoryBudget() {
    long perShard = Runtime.getRuntime().maxMemory() / 2 / threads;
    return Math.max(8L << 20, Math.min(perShard, 512L << 20));
  }
}
