package io.chainblock.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under pipelines/invalid is rejected with exactly the messages its {@code # expect:}
 * lines give: one loader error (with file, line and column) or the validator's problems in order.
 */
class InvalidPipelinesTest {
  static Stream<Path> invalidPipelines() {
    return PipelineSamples.all("invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPipelines")
  void isRejectedWithTheExpectedMessages(Path file) throws IOException {
    List<String> expected = PipelineSamples.expectations(file);
    assertThat(expected).as("%s has no '# expect:' lines", file.getFileName()).isNotEmpty();
    assertThat(messagesFor(file)).containsExactlyElementsOf(expected);
  }

  private static List<String> messagesFor(Path file) throws IOException {
    String name = file.getFileName().toString();
    PipelineDocuments documents;
    try {
      documents = PipelineFile.parse(Files.readString(file), name);
    } catch (PipelineFileException rejected) {
      assertThat(rejected.getMessage()).startsWith(name);
      assertThat(rejected.getMessage()).contains(rejected.problem());
      return List.of(rejected.getMessage());
    }
    List<Problem> problems = PipelineValidators.standard()
        .validate(documents.pipeline(), DiskCatalog.forLocalRun(documents.disks().keySet()));
    return problems.stream().map(Problem::toString).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPipelines")
  void loaderErrorsNameTheirField(Path file) throws IOException {
    List<String> expected = PipelineSamples.expectations(file);
    String name = file.getFileName().toString();
    if (!expected.get(0).startsWith(name)) {
      return;
    }
    PipelineFileException rejected = catchThrowableOfType(PipelineFileException.class,
        () -> PipelineFile.parse(Files.readString(file), name));
    String afterPosition = expected.get(0).replaceFirst("^[^:]+(:\\d+:\\d+)?: ", "");
    assertThat(afterPosition).isEqualTo(
        rejected.field().isEmpty() ? rejected.problem() : rejected.field() + ": " + rejected.problem());
  }
}
