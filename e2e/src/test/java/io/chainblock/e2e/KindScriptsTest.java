package io.chainblock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * e2e/kind cannot run on this project's machines (no Docker, no image pulls), so what can be
 * checked without it is checked here: the scripts parse, the node image is pinned by digest to
 * the Kubernetes minor the local cluster runs, and run.sh runs the very suite the local cluster does.
 */
class KindScriptsTest {
  private static final Path KIND = Cli.REPO.resolve("e2e/kind");

  @Test
  void scriptsParse() throws Exception {
    for (String script : new String[] {"up.sh", "down.sh", "run.sh", "lib.sh"}) {
      Shell.run("bash -n " + Shell.quote(KIND.resolve(script)));
    }
  }

  @Test
  void nodeImageIsPinnedByDigestToTheLocalClustersMinor() throws Exception {
    Matcher pinned = Pattern.compile("KIND_NODE_IMAGE=\"kindest/node:v(\\d+\\.\\d+)\\.\\d+@sha256:[0-9a-f]{64}\"")
        .matcher(Files.readString(KIND.resolve("lib.sh")));
    assertThat(pinned.find()).as("a kindest/node image pinned by digest in e2e/kind/lib.sh").isTrue();
    Matcher local = Pattern.compile("(?m)^\\s*k8s\\.io/kubernetes v(\\d+\\.\\d+)\\.\\d+")
        .matcher(Files.readString(Cli.REPO.resolve("e2e/kube-build/go.mod")));
    assertThat(local.find()).isTrue();
    assertThat(pinned.group(1)).isEqualTo(local.group(1));
  }

  @Test
  void runShRunsTheSuiteOfTheLocalCluster() throws Exception {
    assertThat(Files.readString(KIND.resolve("run.sh"))).contains("cluster/run-suite.sh\" \"$kubeconfig\"");
  }
}
