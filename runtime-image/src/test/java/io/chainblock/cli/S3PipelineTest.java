package io.chainblock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.engine.exec.RunLayout;
import io.chainblock.engine.plan.Locations;
import io.chainblock.engine.plan.PipelineDocuments;
import io.chainblock.engine.plan.PipelineFile;
import io.chainblock.engine.plan.PlanFile;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.engine.storage.MinioExtension;
import io.chainblock.engine.storage.MinioServer;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StorageUris;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Disks and runs on a real MinIO: the same bytes as a local run, whatever fails in between. */
@ExtendWith(MinioExtension.class)
class S3PipelineTest {
  private static final String WORDCOUNT = """
      apiVersion: chainblock.io/v1alpha1
      kind: Disk
      metadata: {name: corpus}
      spec: {chunkSize: 64Ki}
      ---
      apiVersion: chainblock.io/v1alpha1
      kind: ChainPipeline
      metadata: {name: wordcount}
      spec:
        blocks:
          - {name: split, shards: 3, source: {disk: corpus}, function: {builtin: tokenize}, combine: {builtin: sum}}
          - {name: count, shards: 2, inputs: [split], function: {builtin: sum}}
        output: {disk: counts, format: tsv}
      """;

  @TempDir
  Path tmp;
  private MinioServer minio;
  private String bucket;
  private Path corpus;
  private Path pipeline;

  @BeforeEach
  void setUp(MinioServer server) throws IOException {
    minio = server;
    bucket = "t-" + UUID.randomUUID().toString().substring(0, 8);
    corpus = tmp.resolve("corpus.txt");
    StringBuilder text = new StringBuilder();
    Random random = new Random(3);
    while (text.length() < 600_000) {
      text.append("w").append(random.nextInt(2000)).append(random.nextInt(8) == 0 ? ".\n" : " ");
    }
    Files.writeString(corpus, text);
    pipeline = tmp.resolve("wordcount.yaml");
    Files.writeString(pipeline, WORDCOUNT);
  }

  private CommandRun cli(Object command, Map<String, String> env, String... args) {
    if (command instanceof DiskCommand) {
      return DiskCli.run(env, args);
    }
    ((RunCommand) command).environment = env;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return new CommandRun(line.execute(args), out.toString(), err.toString());
  }

  private String disk(String name) {
    return "s3://" + bucket + "/disks/default/" + name + "/";
  }

  private Path localRun(String name) throws IOException {
    Path out = tmp.resolve(name);
    CommandRun r = cli(new RunCommand(), minio.env(), pipeline.toString(), "--disk", "corpus=" + corpus,
        "--out", out.toString(), "--progress", "none");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return out;
  }

  private Path download(String uri, Path into) throws IOException {
    try (var storage = StorageUris.open(uri, minio.env())) {
      Files.createDirectories(into);
      for (var object : storage.list("")) {
        if (object.path().startsWith("part-")) {
          try (var in = storage.open(object.path())) {
            Files.write(into.resolve(object.path()), in.readAllBytes());
          }
        }
      }
    }
    return into;
  }

  private static void assertSameParts(Path expected, Path actual) throws IOException {
    for (String part : List.of("part-00000", "part-00001")) {
      assertThat(actual.resolve(part)).hasSameBinaryContentAs(expected.resolve(part));
    }
  }

  @Test
  void diskPutListGetRoundTripsAFile() throws IOException {
    CommandRun put = cli(new DiskCommand(), minio.env(), "put", "corpus", corpus.toString(), "--bucket", bucket,
        "--chunk-size", "100Ki");
    CommandRun ls = cli(new DiskCommand(), minio.env(), "ls", "corpus", "--bucket", bucket);
    Path back = tmp.resolve("back.txt");
    CommandRun get = cli(new DiskCommand(), minio.env(), "get", "corpus", "--bucket", bucket, "-o", back.toString());

    assertThat(put.exitCode()).as(put.err()).isZero();
    assertThat(put.out()).contains("disk corpus: 6 chunks, 600005 bytes", disk("corpus"));
    assertThat(ls.out()).contains("corpus: text, 6 chunks", "chunk-000005");
    assertThat(get.exitCode()).as(get.err()).isZero();
    assertThat(back).hasSameBinaryContentAs(corpus);

    CommandRun again = cli(new DiskCommand(), minio.env(), "put", "corpus", corpus.toString(), "--bucket", bucket);
    assertThat(again.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(again.err()).contains("already has data", "--overwrite");
  }

  @Test
  void aRunThroughS3GivesTheBytesOfALocalRunWithThreadsAndWithProcesses() throws IOException {
    Path local = localRun("local");
    assertThat(cli(new DiskCommand(), minio.env(), "put", "corpus", corpus.toString(), "--bucket", bucket,
        "--chunk-size", "64Ki").exitCode()).isZero();

    for (String executor : List.of("threads", "processes")) {
      String out = "s3://" + bucket + "/out-" + executor + "/";
      CommandRun r = cli(new RunCommand(), minio.env(), pipeline.toString(), "--disk", "corpus=" + disk("corpus"),
          "--storage", "s3://" + bucket + "/work/", "--out", out, "--executor", executor, "--progress", "none");

      assertThat(r.exitCode()).as(executor + ": " + r.err()).isZero();
      assertSameParts(local, download(out, tmp.resolve("from-" + executor)));
    }
    try (var work = StorageUris.open("s3://" + bucket + "/work/", minio.env())) {
      assertThat(work.list("")).as("intermediate objects are removed after a successful run").isEmpty();
    }
  }

  @Test
  void aShardKilledMidUploadAndRunAgainLeavesNoTrace() throws Exception {
    Path local = localRun("local");
    String run = "s3://" + bucket + "/work/";
    String out = "s3://" + bucket + "/out/";
    PipelineDocuments docs = PipelineFile.load(pipeline);
    RunPlan plan = RunPlan.of(docs.pipeline(), docs.disks(), "ns", "kill");
    Path planFile = tmp.resolve("plan.json");
    new PlanFile(plan, new Locations(run, out, Map.of("corpus", corpus.toString()))).write(planFile);
    createBucket();

    Process doomed = shardProcess(planFile, "split", 0, 0, "--memory", "16Ki");
    killOnceItUploads(doomed, run, RunLayout.of(plan).block("split"));
    for (int shard = 0; shard < 3; shard++) {
      assertThat(shardProcess(planFile, "split", shard, 1).waitFor()).isZero();
    }
    for (int shard = 0; shard < 2; shard++) {
      assertThat(shardProcess(planFile, "count", shard, 0).waitFor()).isZero();
    }

    assertSameParts(local, download(out, tmp.resolve("after-kill")));
  }

  @Test
  void minioStoppedMidRunFailsRetryablyAndTheRunSucceedsOnceItIsBack() throws Exception {
    Path local = localRun("local");
    String out = "s3://" + bucket + "/out/";
    PipelineDocuments docs = PipelineFile.load(pipeline);
    RunPlan plan = RunPlan.of(docs.pipeline(), docs.disks(), "ns", "outage");
    Path planFile = tmp.resolve("plan.json");
    new PlanFile(plan, new Locations("s3://" + bucket + "/work/", out, Map.of("corpus", corpus.toString()))).write(planFile);
    createBucket();
    for (int shard = 0; shard < 3; shard++) {
      assertThat(shardProcess(planFile, "split", shard, 0).waitFor()).isZero();
    }

    minio.stop();
    Process failing;
    try {
      failing = shardProcess(planFile, "count", 0, 0);
      assertThat(failing.waitFor()).isEqualTo(ExitCodes.SHARD_RETRYABLE);
    } finally {
      minio.startAgain();
    }
    assertThat(new String(failing.getErrorStream().readAllBytes())).contains(minio.endpoint(), "connection refused");

    for (int shard = 0; shard < 2; shard++) {
      assertThat(shardProcess(planFile, "count", shard, 1).waitFor()).isZero();
    }
    assertSameParts(local, download(out, tmp.resolve("after-outage")));
  }

  @Test
  void aCorruptIntermediateObjectIsNamedNeverSilentlyRead() throws Exception {
    PipelineDocuments docs = PipelineFile.load(pipeline);
    RunPlan plan = RunPlan.of(docs.pipeline(), docs.disks(), "ns", "corrupt");
    Path planFile = tmp.resolve("plan.json");
    String work = "s3://" + bucket + "/work/";
    new PlanFile(plan, new Locations(work, "s3://" + bucket + "/out/", Map.of("corpus", corpus.toString()))).write(planFile);
    createBucket();
    for (int shard = 0; shard < 3; shard++) {
      assertThat(shardProcess(planFile, "split", shard, 0).waitFor()).isZero();
    }
    String object = RunLayout.of(plan).data("split", "count", 0, 1, 0);
    try (var storage = StorageUris.open(work, minio.env())) {
      byte[] bytes;
      try (var in = storage.open(object)) {
        bytes = in.readAllBytes();
      }
      bytes[bytes.length / 2] ^= 0x55;
      try (StorageOutput rewritten = storage.create(object)) {
        rewritten.write(bytes);
      }
    }

    Process reader = shardProcess(planFile, "count", 0, 0);

    assertThat(reader.waitFor()).isNotZero();
    assertThat(new String(reader.getErrorStream().readAllBytes())).contains(work + object, "corrupt");
  }

  @Test
  void wrongCredentialsAndAMissingBucketSayWhatToFix() throws IOException {
    Map<String, String> wrong = new HashMap<>(minio.env());
    wrong.put("CHAINBLOCK_S3_SECRET_KEY", "not-the-secret");

    CommandRun denied = cli(new DiskCommand(), wrong, "ls", "corpus", "--bucket", bucket);
    CommandRun missing = cli(new RunCommand(), minio.env(), pipeline.toString(),
        "--disk", "corpus=s3://no-such-bucket-" + bucket + "/disks/corpus/", "--out", tmp.resolve("o").toString(),
        "--progress", "none");

    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.err()).contains(minio.endpoint(), "CHAINBLOCK_S3_ACCESS_KEY");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(missing.err()).contains("no-such-bucket-" + bucket, "does not exist", minio.endpoint());
  }

  /** SIGKILLs the shard as soon as its first object is stored, before its manifest if it can. */
  private void killOnceItUploads(Process shard, String run, String blockPrefix) throws Exception {
    try (var storage = StorageUris.open(run, minio.env())) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (shard.isAlive() && System.nanoTime() < deadline && storage.list(blockPrefix).isEmpty()) {
        Thread.sleep(5);
      }
      shard.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertThat(storage.list(blockPrefix + "_manifests/")).as("killed before it committed").isEmpty();
    }
  }

  private void createBucket() throws IOException {
    try (S3Storage storage = new S3Storage(minio.config(bucket, ""))) {
      storage.createBucketIfMissing();
    }
  }

  private Process shardProcess(Path planFile, String block, int shard, int attempt, String... more) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.chainblock.cli.Main",
        "shard", "--plan", planFile.toString(), "--block", block, "--index", String.valueOf(shard),
        "--attempt", String.valueOf(attempt), "--termination-log", tmp.resolve("term").toString()));
    command.addAll(List.of(more));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(minio.env());
    builder.environment().put("CHAINBLOCK_S3_RETRY_SECONDS", "2");
    return builder.start();
  }
}
