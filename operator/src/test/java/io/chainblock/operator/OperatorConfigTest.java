package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {
  @Test
  void onlyTheEndpointIsRequiredAndEverythingElseHasADefault() {
    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of("CHAINBLOCK_S3_ENDPOINT", "http://minio:9000"));

    assertThat(config.s3Endpoint()).isEqualTo("http://minio:9000");
    assertThat(config.runtimeImage()).isEqualTo(OperatorConfig.DEFAULT_RUNTIME_IMAGE);
    assertThat(config.bucket()).isEqualTo("chainblock");
    assertThat(config.s3Secret()).isEqualTo("chainblock-s3");
    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.intermediatesTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(config.metricsPort()).isEqualTo(8080);
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo("chainblock-system");
  }

  @Test
  void everySettingComesFromItsVariable() {
    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of(
        "CHAINBLOCK_RUNTIME_IMAGE", "registry.local/chainblock/runtime:dev",
        "CHAINBLOCK_S3_ENDPOINT", "http://minio.chainblock-system:9000",
        "CHAINBLOCK_S3_BUCKET", "data",
        "CHAINBLOCK_S3_SECRET", "s3-keys",
        "CHAINBLOCK_WATCH_NAMESPACES", " team-a, team-b ,,",
        "CHAINBLOCK_INTERMEDIATES_TTL", "90s",
        "CHAINBLOCK_METRICS_PORT", "9100",
        "CHAINBLOCK_LEADER_ELECTION", "false",
        "POD_NAMESPACE", "ops"));

    assertThat(config).isEqualTo(new OperatorConfig("registry.local/chainblock/runtime:dev",
        "http://minio.chainblock-system:9000", "data", "s3-keys", Set.of("team-a", "team-b"),
        Duration.ofSeconds(90), 9100, false, "ops"));
  }

  @Test
  void aMissingEndpointOrABadDurationSaysWhichVariableAndHowToWriteIt() {
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of()))
        .hasMessageContaining("CHAINBLOCK_S3_ENDPOINT is not set").hasMessageContaining("storage.endpoint");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of(
        "CHAINBLOCK_S3_ENDPOINT", "http://minio:9000", "CHAINBLOCK_INTERMEDIATES_TTL", "an hour")))
        .hasMessageContaining("CHAINBLOCK_INTERMEDIATES_TTL=an hour is not a duration")
        .hasMessageContaining("90s, 30m, 1h or 2d");
  }
}
