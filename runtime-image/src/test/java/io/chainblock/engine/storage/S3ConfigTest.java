package io.chainblock.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ConfigTest {
  @Test
  void readsInlineKeysAndDefaults() throws Exception {
    S3Config config = S3Config.fromEnvironment(Map.of(
        "CHAINBLOCK_S3_ENDPOINT", "http://127.0.0.1:9000/",
        "CHAINBLOCK_S3_ACCESS_KEY", "user",
        "CHAINBLOCK_S3_SECRET_KEY", "secret"));
    assertThat(config).isEqualTo(
        new S3Config("http://127.0.0.1:9000", "chainblock", "", "user", "secret", "us-east-1"));
  }

  @Test
  void readsKeysFromMountedSecretFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("access"), "user\n");
    Files.writeString(dir.resolve("secret"), "secret\n");
    S3Config config = S3Config.fromEnvironment(Map.of(
        "CHAINBLOCK_S3_ENDPOINT", "https://s3.example",
        "CHAINBLOCK_S3_BUCKET", "data",
        "CHAINBLOCK_S3_PREFIX", "team/a",
        "CHAINBLOCK_S3_ACCESS_KEY_FILE", dir.resolve("access").toString(),
        "CHAINBLOCK_S3_SECRET_KEY_FILE", dir.resolve("secret").toString()));
    assertThat(config.accessKey()).isEqualTo("user");
    assertThat(config.secretKey()).isEqualTo("secret");
    assertThat(config.uri()).isEqualTo("s3://data/team/a/");
  }

  @Test
  void namesWhatIsMissing(@TempDir Path dir) {
    assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of()))
        .hasMessageContaining("CHAINBLOCK_S3_ENDPOINT");
    assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of("CHAINBLOCK_S3_ENDPOINT", "http://h")))
        .hasMessageContaining("CHAINBLOCK_S3_ACCESS_KEY or CHAINBLOCK_S3_ACCESS_KEY_FILE");
    assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of(
            "CHAINBLOCK_S3_ENDPOINT", "http://h",
            "CHAINBLOCK_S3_ACCESS_KEY", "u",
            "CHAINBLOCK_S3_SECRET_KEY_FILE", dir.resolve("absent").toString())))
        .hasMessageContaining("cannot read CHAINBLOCK_S3_SECRET_KEY_FILE=" + dir.resolve("absent"));
    assertThatThrownBy(() -> new S3Config("127.0.0.1:9000", "b", "", "u", "s", null))
        .hasMessageContaining("http:// or https://");
  }

  @Test
  void parsesS3Uris() {
    assertThat(S3Config.parseUri("s3://bucket/some/prefix")).isEqualTo(new S3Location("bucket", "some/prefix/"));
    assertThat(S3Config.parseUri("s3://bucket/some/prefix/")).isEqualTo(new S3Location("bucket", "some/prefix/"));
    assertThat(S3Config.parseUri("s3://bucket")).isEqualTo(new S3Location("bucket", ""));
    assertThat(S3Config.parseUri("s3://bucket/")).isEqualTo(new S3Location("bucket", ""));
    assertThatThrownBy(() -> S3Config.parseUri("http://bucket/x")).hasMessageContaining("not an s3:// URI");
    assertThatThrownBy(() -> S3Config.parseUri("s3:///x")).hasMessageContaining("no bucket");
  }

  @Test
  void movesToAnotherLocation() {
    S3Config config = new S3Config("http://h:1", "b", "", "u", "s", null);
    assertThat(config.at(S3Config.parseUri("s3://other/p")).uri()).isEqualTo("s3://other/p/");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(new S3Config("http://h:1", "b", "", "u", "very-secret", null).toString())
        .doesNotContain("very-secret")
        .contains("u");
  }
}
