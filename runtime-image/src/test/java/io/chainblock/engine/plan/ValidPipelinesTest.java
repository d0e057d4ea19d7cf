package io.chainblock.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.api.v1alpha1.DiskSpec;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidPipelinesTest {
  static Stream<Path> validPipelines() {
    return PipelineSamples.all("valid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPipelines")
  void loadsAndValidatesWithoutProblems(Path file) throws PipelineFileException {
    PipelineDocuments documents = PipelineFile.load(file);
    assertThat(PipelineValidators.standard().validate(documents.pipeline(), disk -> true)).isEmpty();
  }

  @Test
  void readsThePipelineAndItsDisks() throws PipelineFileException {
    PipelineDocuments documents = PipelineFile.load(PipelineSamples.file("valid/wordcount.yaml"));

    assertThat(documents.pipeline().getMetadata().getName()).isEqualTo("wordcount");
    assertThat(documents.pipeline().getSpec().blocks).extracting(block -> block.name).containsExactly("split", "count");
    assertThat(documents.pipeline().getSpec().blocks.get(0).combine.builtin).isEqualTo("sum");
    assertThat(documents.disks()).containsOnlyKeys("corpus");
    assertThat(Disks.chunkSizeBytes(documents.disks().get("corpus"))).isEqualTo(1024 * 1024);
  }

  @Test
  void diskDefaultsAndQuantities() throws PipelineFileException {
    PipelineDocuments dbzip2 = PipelineFile.load(PipelineSamples.file("valid/dbzip2.yaml"));
    PipelineDocuments logReport = PipelineFile.load(PipelineSamples.file("valid/log-report.yaml"));

    assertThat(Disks.chunkSizeBytes(dbzip2.disks().get("raw"))).isEqualTo(900_000);
    assertThat(Disks.format(dbzip2.disks().get("raw"))).isEqualTo(DiskSpec.Format.BINARY);
    assertThat(Disks.chunkSizeBytes(logReport.disks().get("logs"))).isEqualTo(Disks.DEFAULT_CHUNK_SIZE);
    assertThat(Disks.format(logReport.disks().get("logs"))).isEqualTo(DiskSpec.Format.TEXT);
  }

  @Test
  void theLoaderReportsAMissingFileWithoutAPosition() {
    Path missing = Path.of("no-such-pipeline.yaml");
    assertThatThrownBy(() -> PipelineFile.load(missing))
        .isInstanceOf(PipelineFileException.class)
        .hasMessage("no-such-pipeline.yaml: no such file");
  }
}
