package io.chainblock.cli;

import io.chainblock.api.v1alpha1.OutputSpec;
import io.chainblock.engine.FileTrees;
import io.chainblock.engine.exec.ShardRunner;
import io.chainblock.engine.format.Codec;
import io.chainblock.engine.plan.DiskCatalog;
import io.chainblock.engine.plan.DiskPlan;
import io.chainblock.engine.plan.PipelineDocuments;
import io.chainblock.engine.plan.PipelineFile;
import io.chainblock.engine.plan.PipelineFileException;
import io.chainblock.engine.plan.PipelineValidators;
import io.chainblock.engine.plan.Problem;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.engine.source.Chunk;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.source.LocalDisk;
import io.chainblock.engine.storage.LocalStorage;
import io.chainblock.local.BlockProgress;
import io.chainblock.local.LocalRunner;
import io.chainblock.local.ProgressDisplay;
import io.chainblock.local.SummaryTable;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run",
    description = {
        "Runs a pipeline in this JVM, shards as threads, with no cluster.",
        "Each source Disk's data comes from --disk NAME=PATH (a file, or a directory whose files are read in name"
            + " order); the terminal blocks' output parts go to --out."},
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline YAML file (a ChainPipeline and its Disks).")
  Path pipelineFile;

  @Option(names = "--disk", paramLabel = "NAME=PATH", description = "The data of a Disk: a file or a directory of files.")
  Map<String, Path> disks = new LinkedHashMap<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the output parts. Default: ./<spec.output.disk>.")
  Path out;

  @Option(names = "--overwrite", description = "Empty a non-empty --out directory first instead of refusing to run.")
  boolean overwrite;

  @Option(names = "--threads", paramLabel = "N", description = "Shards running at once. Default: the number of CPUs (${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--retries", paramLabel = "N", description = "Retries of a shard that failed for a reason other than the block's code (default ${DEFAULT-VALUE}).")
  int retries = 2;

  @Option(names = "--memory", paramLabel = "SIZE", description = "Sort buffer of one shard, e.g. 64Mi. Default: half the JVM heap shared by the running shards.")
  String memory;

  @Option(names = "--codec", paramLabel = "CODEC", description = "Compression of intermediate files: none, deflate, lz4 or zstd (default: the measured best).")
  String codec;

  @Option(names = "--fan-in", paramLabel = "N", description = "Most sorted files merged in one pass; more are merged in several passes (default ${DEFAULT-VALUE}).")
  int fanIn = 64;

  @Option(names = "--work", paramLabel = "DIR", description = "Directory for intermediate files. Default: a new directory under java.io.tmpdir, removed afterwards.")
  Path work;

  @Option(names = "--keep-work", description = "Keep the intermediate files after the run.")
  boolean keepWork;

  @Option(names = "--progress", paramLabel = "MODE", description = "auto, tty (redrawn lines), log (a line per change) or none (default ${DEFAULT-VALUE}).")
  String progress = "auto";

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (threads < 1 || retries < 0 || fanIn < 2 || !List.of("auto", "tty", "log", "none").contains(progress)) {
      err.println("chainblock run: --threads must be at least 1, --retries at least 0, --fan-in at least 2,"
          + " and --progress one of auto, tty, log, none");
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
    RunPlan plan = RunPlan.of(docs.pipeline(), docs.disks(), "local", "local");
    Map<String, List<Chunk>> chunks = new ConcurrentHashMap<>();
    for (DiskPlan disk : plan.disks().values()) {
      Path data = disks.get(disk.name());
      if (!Files.exists(data)) {
        err.println("chainblock run: --disk " + disk.name() + "=" + data + ": no such file or directory");
        return ExitCodes.INPUT_ERROR;
      }
      chunks.put(disk.name(), LocalDisk.chunks(data, disk.format(), disk.chunkSize()));
    }
    Path outDir = out != null ? out : Path.of(plan.output().disk());
    String outProblem = prepareOutput(outDir);
    if (outProblem != null) {
      err.println("chainblock run: " + outProblem);
      return ExitCodes.INPUT_ERROR;
    }
    Path workDir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("chainblock-run-");
    try {
      return run(plan, chunks, outDir, workDir);
    } finally {
      if (!keepWork) {
        FileTrees.delete(workDir);
      }
    }
  }

  private int run(RunPlan plan, Map<String, List<Chunk>> chunks, Path outDir, Path workDir) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ShardRunner.Settings settings = new ShardRunner.Settings(memoryBudget(), codec == null ? Codec.DEFAULT : Codec.parse(codec),
        fanIn, workDir.resolve("scratch"));
    LocalStorage intermediate = new LocalStorage(workDir.resolve("objects"));
    LocalStorage output = new LocalStorage(outDir);
    ShardRunner shards = new ShardRunner(plan, intermediate, output, chunks::get, settings);
    LocalRunner runner = new LocalRunner(shards, new LocalRunner.Options(threads, retries));
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
    if (failure != null) {
      err.println("chainblock run: pipeline " + plan.pipeline() + " failed: " + failure);
      err.println("chainblock run: output parts written so far are kept in " + outDir
          + (keepWork ? "; intermediate files in " + workDir : ""));
      return ExitCodes.RUN_FAILED;
    }
    DiskManifest manifest = DiskManifest.of(output, "", plan.output().disk(), outputFormat(plan));
    manifest.write(output, "");
    out.printf("pipeline %s succeeded in %.1fs: %d part(s), %d bytes in %s%n", plan.pipeline(), seconds,
        manifest.chunks().size(), manifest.bytes(), outDir);
    out.flush();
    return ExitCodes.OK;
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
  private long memoryBudget() {
    if (memory != null) {
      return new Quantity(memory).getNumericalAmount().longValue();
    }
    long perShard = Runtime.getRuntime().maxMemory() / 2 / threads;
    return Math.max(8L << 20, Math.min(perShard, 512L << 20));
  }

  /** Null when the directory is ready for the parts; else what is wrong and how to fix it. */
  private String prepareOutput(Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      return "--out " + dir + " is a file: name a directory";
    }
    if (Files.isDirectory(dir)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(dir)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !overwrite) {
        return "--out " + dir + " is not empty: pass --overwrite to replace its contents, or name another directory";
      }
      if (!empty) {
        FileTrees.delete(dir);
      }
    }
    Files.createDirectories(dir);
    return null;
  }

}
