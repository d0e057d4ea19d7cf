package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the tests find the Kubernetes binaries, and what they say when they cannot. */
class KubeBinariesTest {
  @TempDir
  Path apiTestDir;
  @TempDir
  Path repo;
  private Path release;

  @BeforeEach
  void pinRelease() throws IOException {
    Path goMod = Files.createDirectories(repo.resolve("e2e/kube-build")).resolve("go.mod");
    Files.writeString(goMod, "module example\n\nrequire (\n\tk8s.io/kubernetes v1.2.3 // indirect\n)\n");
    release = new KubeBinaries(apiTestDir, "1.2.3").directory();
  }

  @Test
  void findsThePinnedReleaseLaidOutForKubeApiTest() throws IOException {
    layOut("etcd", "kube-apiserver", "kubectl");

    KubeBinaries binaries = KubeBinaries.in(apiTestDir, repo);

    assertThat(binaries.version()).isEqualTo("1.2.3");
    assertThat(binaries.kubectl()).isEqualTo(release.resolve("kubectl"));
    assertThat(release.getParent()).isEqualTo(apiTestDir.resolve("k8s"));
    assertThat(release.getFileName().toString()).matches("1\\.2\\.3-linux-[a-z0-9]+");
  }

  @Test
  void missingBinariesNameTheScriptThatBuildsThem() {
    assertThatThrownBy(() -> KubeBinaries.in(apiTestDir, repo))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Kubernetes 1.2.3 test binaries are missing from " + release
            + ": etcd, kube-apiserver, kubectl; run e2e/scripts/kube-binaries.sh");
  }

  @Test
  void onlyTheMissingBinariesAreNamed() throws IOException {
    layOut("etcd", "kubectl");

    assertThatThrownBy(() -> KubeBinaries.in(apiTestDir, repo))
        .hasMessageContaining("missing from " + release + ": kube-apiserver; run e2e/scripts/kube-binaries.sh");
  }

  @Test
  void aGoModWithoutThePinSaysSo() throws IOException {
    Files.writeString(repo.resolve("e2e/kube-build/go.mod"), "module example\n");

    assertThatThrownBy(() -> KubeBinaries.in(apiTestDir, repo))
        .hasMessageEndingWith("go.mod requires no k8s.io/kubernetes version; it pins the release the tests run");
  }

  private void layOut(String... names) throws IOException {
    Files.createDirectories(release);
    for (String name : names) {
      Files.createFile(release.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
  }
}
