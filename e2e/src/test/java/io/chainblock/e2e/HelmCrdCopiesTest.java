package io.chainblock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart installs the CRDs from helm/chainblock/crds, committed copies of crds/generated: the
 * build never writes into the source tree, so this test is what keeps the two the same.
 */
class HelmCrdCopiesTest {
  private static final Path GENERATED = Cli.REPO.resolve("crds/generated");
  private static final Path CHART_CRDS = Helm.CHART.resolve("crds");
  private static final String REFRESH = "refresh them with: cp crds/generated/*.yml helm/chainblock/crds/";

  @Test
  void chartCrdsAreExactCopiesOfTheGeneratedOnes() throws IOException {
    assertThat(names(CHART_CRDS)).as("CRD files in helm/chainblock/crds; " + REFRESH).isEqualTo(names(GENERATED));
    for (String name : names(GENERATED)) {
      assertThat(Files.readString(CHART_CRDS.resolve(name)))
          .as("helm/chainblock/crds/%s differs from crds/generated/%s; %s", name, name, REFRESH)
          .isEqualTo(Files.readString(GENERATED.resolve(name)));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
          .sorted().toList();
    }
  }
}
