package io.chainblock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
  private static final String WORDCOUNT = """
      apiVersion: chainblock.io/v1alpha1
      kind: ChainPipeline
      metadata: {name: wordcount}
      spec:
        blocks:
          - {name: split, shards: 4, source: {disk: corpus}, function: {builtin: tokenize}}
          - {name: count, inputs: [split], function: {builtin: sum}}
        output: {disk: counts}
      """;

  @TempDir
  Path dir;

  @Test
  void mermaidOnStdoutByDefault() throws IOException {
    CommandRun run = CommandRun.of(new GraphCommand(), write(WORDCOUNT).toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("""
        flowchart LR
          n0[("corpus<br/>Disk")]
          n1("split<br/>4 shards<br/>tokenize")
          n2("count<br/>1 shard<br/>sum")
          n3[("counts<br/>output Disk")]
          n0 --> n1
          n1 --> n2
          n2 --> n3
        """);
  }

  @Test
  void dotOnStdout() throws IOException {
    CommandRun run = CommandRun.of(new GraphCommand(), write(WORDCOUNT).toString(), "--format", "dot");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("digraph \"wordcount\" {\n").contains("\"block:split\" -> \"block:count\";");
  }

  @Test
  void svgToAFile() throws IOException {
    Path svg = dir.resolve("wordcount.svg");

    CommandRun run = CommandRun.of(new GraphCommand(), write(WORDCOUNT).toString(), "--format", "SVG", "-o",
        svg.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(svg)).startsWith("<?xml").contains(">split</text>").endsWith("</svg>\n");
  }

  @Test
  void anInvalidPipelineIsNotDrawn() throws IOException {
    Path file = write(WORDCOUNT.replace("inputs: [split]", "inputs: [spilt]"));

    CommandRun run = CommandRun.of(new GraphCommand(), file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_PIPELINE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(
        file + ": spec.blocks[1].inputs[0]: unknown input 'spilt': no block has that name (blocks: split, count)\n");
  }

  @Test
  void anUnknownFormatIsAUsageError() throws IOException {
    CommandRun run = CommandRun.of(new GraphCommand(), write(WORDCOUNT).toString(), "--format", "png");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'png' is not a graph format: use mermaid, dot or svg");
  }

  @Test
  void anUnwritableOutputIsAnInputError() throws IOException {
    CommandRun run = CommandRun.of(new GraphCommand(), write(WORDCOUNT).toString(), "-o",
        dir.resolve("missing/dir/graph.mmd").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).contains("cannot write the graph");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("pipeline.yaml"), text);
  }
}
