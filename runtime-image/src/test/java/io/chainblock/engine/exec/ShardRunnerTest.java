package io.chainblock.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.engine.format.Codec;
import io.chainblock.engine.plan.PipelineFile;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.source.LocalDisk;
import io.chainblock.engine.storage.LocalStorage;
import io.chainblock.engine.storage.StorageOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit protocol: what readers take, whatever attempts left behind. */
class ShardRunnerTest {
  private static final String PIPELINE = """
      apiVersion: chainblock.io/v1alpha1
      kind: ChainPipeline
      metadata: {name: copy}
      spec:
        blocks:
          - {name: read, shards: 2, source: {disk: corpus}, function: {builtin: identity}}
          - {name: gather, inputs: [read], function: {builtin: identity}}
        output: {disk: result, format: lines}
      """;

  @TempDir
  Path tmp;
  private RunPlan plan;
  private LocalStorage objects;
  private LocalStorage output;
  private ShardRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    Path data = tmp.resolve("data.txt");
    Files.writeString(data, "a\nb\nc\nd\n");
    var docs = PipelineFile.parse(PIPELINE, "copy.yaml");
    plan = RunPlan.of(docs.pipeline(), docs.disks(), "ns", "run1");
    objects = new LocalStorage(tmp.resolve("objects"));
    output = new LocalStorage(tmp.resolve("out"));
    var chunks = LocalDisk.chunks(data, DiskFormat.TEXT, 4);
    runner = new ShardRunner(plan, objects, output, disk -> chunks,
        new ShardRunner.Settings(1 << 20, Codec.DEFAULT, 8, tmp.resolve("scratch")));
  }

  @Test
  void aShardCommittedTwiceIsReadOnceAndHalfWrittenAttemptsAreIgnored() throws Exception {
    runner.run("read", 0, 0, new ShardCounters());
    runner.run("read", 0, 1, new ShardCounters());
    runner.run("read", 1, 2, new ShardCounters());
    // an attempt that died before its manifest: its objects exist, but no manifest lists them
    try (StorageOutput junk = objects.create(RunLayout.of(plan).data("read", "gather", 0, 1, 3))) {
      junk.write("not a run".getBytes());
    }

    runner.run("gather", 0, 0, new ShardCounters());

    assertThat(Files.readString(tmp.resolve("out/part-00000"))).isEqualTo("a\nb\nc\nd\n");
  }

  @Test
  void aRetryRemovesWhatAnUncommittedAttemptLeftAndKeepsCommittedOnes() throws Exception {
    RunLayout layout = RunLayout.of(plan);
    runner.run("read", 1, 0, new ShardCounters());
    String dead = layout.data("read", "gather", 0, 1, 1);
    try (StorageOutput junk = objects.create(dead)) {
      junk.write("half a run".getBytes());
    }

    runner.run("read", 1, 2, new ShardCounters());

    assertThat(objects.exists(dead)).isFalse();
    assertThat(objects.exists(layout.data("read", "gather", 0, 1, 0))).isTrue();
    assertThat(objects.exists(layout.data("read", "gather", 0, 1, 2))).isTrue();
  }

  @Test
  void readersRefuseToStartBeforeEveryWriterCommitted() throws Exception {
    runner.run("read", 0, 0, new ShardCounters());

    assertThatThrownBy(() -> runner.run("gather", 0, 0, new ShardCounters()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("block read shard 1 has not committed its output");
  }

  @Test
  void theManifestListsEveryObjectWithItsSizeAndTheCounters() throws Exception {
    ShardManifest manifest = runner.run("read", 1, 0, new ShardCounters());

    assertThat(manifest.objects()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("runs/ns/copy/run1/read/gather/0/1-0");
      assertThat(e.bytes()).isEqualTo(Files.size(objects.root().resolve(e.path())));
    });
    assertThat(manifest.counters().recordsIn()).isEqualTo(2);
    assertThat(manifest.counters().recordsOut()).isEqualTo(2);
    assertThat(objects.list("runs/ns/copy/run1/read/_manifests/")).extracting(o -> o.path())
        .isEqualTo(List.of("runs/ns/copy/run1/read/_manifests/1-0.json"));
  }
}
