package io.chainblock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.testblocks.FailsFirstAttempt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir
  Path tmp;

  private Path file(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private static String pipeline(String name, String blocks, String outputFormat) {
    return """
        apiVersion: chainblock.io/v1alpha1
        kind: ChainPipeline
        metadata: {name: %s}
        spec:
          blocks:
        %s
          output: {disk: result, format: %s}
        """.formatted(name, blocks.indent(4).stripTrailing(), outputFormat);
  }

  private CommandRun run(Path pipeline, String... more) {
    String[] args = new String[more.length + 3];
    args[0] = pipeline.toString();
    args[1] = "--progress";
    args[2] = "none";
    System.arraycopy(more, 0, args, 3, more.length);
    return CommandRun.of(new RunCommand(), args);
  }

  @Test
  void anInvalidPipelineExitsWith3NamesTheFieldAndWritesNothing() throws IOException {
    Path p = file("p.yaml", pipeline("cyclic", """
        - {name: a, inputs: [b], function: {builtin: identity}}
        - {name: b, inputs: [a], function: {builtin: identity}}
        """, "tsv"));
    Path out = tmp.resolve("out");

    CommandRun r = run(p, "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_PIPELINE);
    assertThat(r.err()).contains("spec.blocks", "a -> b -> a");
    assertThat(out).doesNotExist();
  }

  @Test
  void aSourceDiskWithoutDataSaysWhichDiskToPass() throws IOException {
    Path p = file("p.yaml", pipeline("nodisk", "- {name: read, source: {disk: corpus}, function: {builtin: identity}}", "tsv"));

    CommandRun r = run(p, "--out", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_PIPELINE);
    assertThat(r.err()).contains("spec.blocks[0].source.disk", "--disk corpus=PATH");
  }

  @Test
  void aMissingDiskPathExitsWith4() throws IOException {
    Path p = file("p.yaml", pipeline("nopath", "- {name: read, source: {disk: corpus}, function: {builtin: identity}}", "tsv"));

    CommandRun r = run(p, "--disk", "corpus=" + tmp.resolve("nothing-here"), "--out", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("--disk corpus=", "nothing-here", "no such file or directory");
  }

  @Test
  void aNonEmptyOutputDirectoryIsLeftAloneWithoutOverwrite() throws IOException {
    Path p = file("p.yaml", pipeline("keep", "- {name: read, source: {disk: corpus}, function: {builtin: identity}}", "lines"));
    Path data = file("data.txt", "x\n");
    Path precious = file("out/precious.txt", "keep me");

    CommandRun refused = run(p, "--disk", "corpus=" + data, "--out", precious.getParent().toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(refused.err()).contains("is not empty", "--overwrite");
    assertThat(precious).hasContent("keep me");

    CommandRun replaced = run(p, "--disk", "corpus=" + data, "--out", precious.getParent().toString(), "--overwrite");
    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    assertThat(precious).doesNotExist();
    assertThat(precious.resolveSibling("part-00000")).hasContent("x");
  }

  @Test
  void aCommandThatFailsStopsTheRunWithItsBlockShardAndStderr() throws IOException {
    Path p = file("p.yaml", pipeline("failing", """
        - {name: read, source: {disk: corpus}, function: {builtin: identity}}
        - {name: boom, inputs: [read], function: {command: [sh, -c, "echo kaput >&2; exit 3"]}}
        """, "tsv"));
    Path data = file("data.txt", "a\nb\n");

    CommandRun r = run(p, "--disk", "corpus=" + data, "--out", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.err()).contains("pipeline failing failed: block boom shard 0 failed", "exited with status 3", "kaput")
        .doesNotContain("attempts");
    assertThat(r.out()).contains("block", "boom", "0/1");
  }

  @Test
  void emittingToAStreamNobodyReadsNamesTheBlockAndTheStream() throws IOException {
    Path p = file("p.yaml", pipeline("unread", """
        - {name: route, source: {disk: corpus}, function: {class: io.chainblock.testblocks.Router}}
        - {name: show, inputs: [route], function: {builtin: identity}}
        """, "tsv"));
    Path data = file("data.txt", "an error line\n");

    CommandRun r = run(p, "--disk", "corpus=" + data, "--out", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.err()).contains("block route emitted a record to stream 'errors', but no block reads 'route.errors'");
  }

  @Test
  void namedStreamsAndBroadcastsFromAJavaBlockReachTheirReaders() throws IOException {
    Path p = file("p.yaml", pipeline("routes", """
        - {name: route, shards: 2, source: {disk: corpus}, function: {class: io.chainblock.testblocks.Router}}
        - {name: tag, shards: 3, inputs: [route], function: {class: io.chainblock.testblocks.TagWithBroadcasts}}
        - {name: errors, inputs: [route.errors], function: {builtin: identity}}
        """, "tsv"));
    Path data = file("data.txt", "!hello\nfoo one\nbar two\nan error here\nfoo three\n");
    Path out = tmp.resolve("out");

    CommandRun r = run(p, "--disk", "corpus=" + data, "--out", out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> tagged = Files.readAllLines(out.resolve("tag-part-00000"));
    tagged.addAll(Files.readAllLines(out.resolve("tag-part-00001")));
    tagged.addAll(Files.readAllLines(out.resolve("tag-part-00002")));
    assertThat(tagged).containsExactlyInAnyOrder("bar\thello:bar two", "foo\thello:foo one", "foo\thello:foo three");
    assertThat(out.resolve("errors-part-00000")).hasContent("an error here\t");
  }

  @Test
  void aShardThatFailsForATransientReasonIsRetriedWithoutDuplicates() throws IOException {
    FailsFirstAttempt.FAILED.clear();
    Path p = file("p.yaml", pipeline("flaky", """
        - {name: read, shards: 3, source: {disk: corpus}, function: {builtin: identity}}
        - {name: copy, shards: 2, inputs: [read], function: {class: io.chainblock.testblocks.FailsFirstAttempt}}
        - {name: gather, inputs: [copy], function: {builtin: identity}}
        """, "lines"));
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      lines.append("line ").append(i).append('\n');
    }
    Path data = file("data.txt", lines.toString());
    Path out = tmp.resolve("out");

    CommandRun r = run(p, "--disk", "corpus=" + data, "--out", out.toString(), "--memory", "8Ki");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(FailsFirstAttempt.FAILED).hasSize(2);
    assertThat(out.resolve("part-00000")).hasContent(lines.toString().stripTrailing());
  }

  @Test
  void noRetriesMeansATransientFailureFailsTheRun() throws IOException {
    FailsFirstAttempt.FAILED.clear();
    Path p = file("p.yaml", pipeline("noretry", """
        - {name: read, source: {disk: corpus}, function: {builtin: identity}}
        - {name: copy, inputs: [read], function: {class: io.chainblock.testblocks.FailsFirstAttempt}}
        """, "lines"));
    Path data = file("data.txt", "x\n");

    CommandRun r = run(p, "--disk", "corpus=" + data, "--out", tmp.resolve("out").toString(), "--retries", "0");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.err()).contains("block copy shard 0 failed", "storage went away");
  }

  @Test
  void valuesOutputIsTheRawValueBytesInKeyOrder() throws IOException {
    Path p = file("p.yaml", pipeline("values", """
        - {name: read, shards: 3, source: {disk: corpus}, function: {builtin: grep, args: {pattern: "^k"}}}
        - {name: gather, inputs: [read], function: {builtin: identity}}
        """, "values"));
    Path data = file("data.txt", "k1\nskip\nk2\nk3\n");
    Path out = tmp.resolve("out");

    Path summary = tmp.resolve("summary.json");
    CommandRun r = run(p, "--disk", "corpus=" + data, "--out", out.toString(), "--summary-json", summary.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("part-00000")).hasContent("k1k2k3");
    assertThat(summary).content().contains("\"pipeline\" : \"values\"", "\"succeeded\" : true",
        "\"name\" : \"read\"", "\"recordsIn\" : 4", "\"recordsOut\" : 3");
    assertThat(out.resolve("_manifest.json")).content().contains("\"disk\" : \"result\"", "\"format\" : \"binary\"",
        "\"name\" : \"part-00000\"");
    assertThat(r.out()).containsPattern("read\\s+3\\s+4\\s+3").contains("pipeline values succeeded");
  }
}
