package io.chainblock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final String SOURCE_ONLY = """
      apiVersion: chainblock.io/v1alpha1
      kind: ChainPipeline
      metadata: {name: lines}
      spec:
        blocks:
          - {name: read, source: {disk: corpus}, function: {builtin: lines}}
        output: {disk: out}
      """;

  @TempDir
  Path dir;

  @Test
  void aValidFileIsOk() throws IOException {
    Path file = write("wordcount.yaml", """
        apiVersion: chainblock.io/v1alpha1
        kind: Disk
        metadata: {name: corpus}
        ---
        apiVersion: chainblock.io/v1alpha1
        kind: ChainPipeline
        metadata: {name: wordcount}
        spec:
          blocks:
            - {name: split, shards: 4, source: {disk: corpus}, function: {builtin: tokenize}}
            - {name: count, inputs: [split], function: {builtin: sum}}
          output: {disk: counts}
        """);

    CommandRun run = CommandRun.of(new ValidateCommand(), file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(file + ": ok (2 blocks)\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aDiskGivenOnTheCommandLineCountsAsDefined() throws IOException {
    Path file = write("lines.yaml", SOURCE_ONLY);

    CommandRun withoutDisk = CommandRun.of(new ValidateCommand(), file.toString());
    CommandRun withDisk = CommandRun.of(new ValidateCommand(), file.toString(), "--disk", "corpus=./data");

    assertThat(withoutDisk.exitCode()).isEqualTo(ExitCodes.INVALID_PIPELINE);
    assertThat(withoutDisk.err()).isEqualTo(file + ": spec.blocks[0].source.disk: Disk 'corpus' is not defined:"
        + " add a Disk document to the file or pass --disk corpus=PATH\n");
    assertThat(withDisk.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(withDisk.out()).isEqualTo(file + ": ok (1 block)\n");
  }

  @Test
  void everyFileIsCheckedAndEveryProblemPrinted() throws IOException {
    Path good = write("good.yaml", SOURCE_ONLY);
    Path broken = write("broken.yaml", """
        apiVersion: chainblock.io/v1alpha1
        kind: ChainPipeline
        metadata: {name: broken}
        spec:
          blocks:
            - {name: read, shards: 0, source: {disk: corpus}, function: {builtin: lines}}
          output: {disk: corpus}
        """);
    Path unreadable = write("unreadable.yaml", """
        apiVersion: chainblock.io/v1alpha1
        kind: ChainPipeline
        metadata: {name: unreadable
        spec: {}
        """);

    CommandRun run = CommandRun.of(new ValidateCommand(), good.toString(), broken.toString(), unreadable.toString(),
        "--disk", "corpus=./data");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_PIPELINE);
    assertThat(run.out()).isEqualTo(good + ": ok (1 block)\n");
    assertThat(run.err().lines()).containsExactly(
        broken + ": spec.blocks[0].shards: 0 shards: a block needs at least 1",
        broken + ": spec.output.disk: Disk 'corpus' is also read by spec.blocks[0].source: write the result to"
            + " another Disk",
        unreadable + ":4:5: YAML syntax error: expected ',' or '}', but got : (while parsing a flow"
            + " mapping that starts at line 3); check the indentation and the brackets around this place");
  }

  @Test
  void noFileIsAUsageError() {
    CommandRun run = CommandRun.of(new ValidateCommand());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void helpDescribesTheCommand() {
    CommandRun run = CommandRun.of(new ValidateCommand(), "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Usage: validate", "--disk=NAME=PATH", "Exit codes:");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
