package io.chainblock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.engine.plan.Locations;
import io.chainblock.engine.plan.PipelineDocuments;
import io.chainblock.engine.plan.PipelineFile;
import io.chainblock.engine.plan.PlanFile;
import io.chainblock.engine.plan.RunPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One shard per process, as a pod runs it: plan file in, counters and exit code out. */
class ShardCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;
  private Path planFile;

  @BeforeEach
  void writePlan() throws Exception {
    Files.writeString(tmp.resolve("words.txt"), "b a\nc a\n");
    PipelineDocuments docs = PipelineFile.parse("""
        apiVersion: chainblock.io/v1alpha1
        kind: Disk
        metadata: {name: corpus}
        spec: {chunkSize: "4"}
        ---
        apiVersion: chainblock.io/v1alpha1
        kind: ChainPipeline
        metadata: {name: wc}
        spec:
          blocks:
            - {name: split, shards: 2, source: {disk: corpus}, function: {builtin: tokenize}}
            - {name: count, inputs: [split], function: {builtin: sum}}
            - {name: broken, inputs: [split.none], function: {command: [sh, -c, "echo bad input >&2; exit 9"]}}
          output: {disk: counts, format: tsv}
        """, "wc.yaml");
    RunPlan plan = RunPlan.of(docs.pipeline(), docs.disks(), "ns", "uid-1");
    planFile = tmp.resolve("plan.json");
    new PlanFile(plan, new Locations(tmp.resolve("objects").toString(), tmp.resolve("out").toString(),
        Map.of("corpus", tmp.resolve("words.txt").toString()))).write(planFile);
  }

  private CommandRun shard(String block, int index, String... more) {
    String[] args = new String[more.length + 8];
    System.arraycopy(new String[] {"--plan", planFile.toString(), "--block", block, "--index", String.valueOf(index),
        "--termination-log", tmp.resolve("termination-" + block + "-" + index).toString()}, 0, args, 0, 8);
    System.arraycopy(more, 0, args, 8, more.length);
    return CommandRun.of(new ShardCommand(), args);
  }

  @Test
  void shardsRunOneAtATimeAndReportTheirCountersAsJson() throws Exception {
    assertThat(shard("split", 0).exitCode()).isZero();
    CommandRun second = shard("split", 1);
    CommandRun count = shard("count", 0);

    assertThat(second.exitCode()).isZero();
    JsonNode report = JSON.readTree(second.out());
    assertThat(report.get("phase").asText()).isEqualTo("Succeeded");
    assertThat(report.get("recordsOut").asLong()).isEqualTo(2);
    assertThat(JSON.readTree(tmp.resolve("termination-split-1").toFile())).isEqualTo(report);
    assertThat(second.err()).contains("shard split/1 attempt 0: starting", "shard split/1 attempt 0: succeeded");
    assertThat(count.exitCode()).isZero();
    assertThat(tmp.resolve("out/count-part-00000")).hasContent("a\t2\nb\t1\nc\t1");
  }

  @Test
  void aReaderStartedBeforeItsWritersFailsAsRetryable() throws Exception {
    CommandRun r = shard("count", 0);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.SHARD_RETRYABLE);
    assertThat(r.err()).contains("block split shard 0 has not committed its output");
    JsonNode report = JSON.readTree(tmp.resolve("termination-count-0").toFile());
    assertThat(report.get("phase").asText()).isEqualTo("Failed");
    assertThat(report.get("error").asText()).contains("has not committed");
  }

  @Test
  void aFailingCommandIsAUserErrorWithItsMessageInTheTerminationLog() throws Exception {
    shard("split", 0);
    shard("split", 1);

    CommandRun r = shard("broken", 0);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.SHARD_USER_ERROR);
    JsonNode report = JSON.readTree(tmp.resolve("termination-broken-0").toFile());
    assertThat(report.get("error").asText()).contains("block broken", "exited with status 9", "bad input");
  }

  @Test
  void aLongErrorIsCutToFitTheTerminationMessage() throws Exception {
    String report = ShardCommand.report("b/0 attempt 0", "Failed",
        io.chainblock.engine.exec.ShardCounters.Snapshot.ZERO, "é".repeat(10_000));

    assertThat(report.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(ShardCommand.TERMINATION_MESSAGE_LIMIT);
    assertThat(JSON.readTree(report).get("error").asText()).startsWith("éé").endsWith("...");
  }

  @Test
  void theIndexComesFromTheFlagOrTheJobAndAMissingOneIsAUsageError() {
    CommandRun r = CommandRun.of(new ShardCommand(), "--plan", planFile.toString(), "--block", "split");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("pass --index N or set JOB_COMPLETION_INDEX");
  }
}
