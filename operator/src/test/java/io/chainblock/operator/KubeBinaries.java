package io.chainblock.operator;

import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.OSInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * etcd, kube-apiserver and kubectl of the Kubernetes release that e2e/kube-build/go.mod pins, laid
 * out by e2e/scripts/kube-binaries.sh where kube-api-test looks for them:
 * {@code $KUBE_API_TEST_DIR/k8s/<version>-<os>-<arch>/}.
 *
 * @param apiTestDir kube-api-test's directory, the one holding {@code k8s/}
 * @param version the release without its leading v, as kube-api-test names it, e.g. 1.34.4
 */
record KubeBinaries(Path apiTestDir, String version) {
  static final String API_TEST_DIR = "KUBE_API_TEST_DIR";
  static final Path DEFAULT_API_TEST_DIR = Path.of("/var/cache/chainblock/kube-api-test");

  private static final Pattern PINNED_RELEASE = Pattern.compile("^\\s*k8s\\.io/kubernetes v(\\S+)", Pattern.MULTILINE);
  private static final List<String> NAMES = List.of("etcd", "kube-apiserver", "kubectl");

  /**
   * The pinned release's binaries under {@code $KUBE_API_TEST_DIR}; fails, naming the script that
   * builds them, when any is missing.
   */
  static KubeBinaries pinned(Path repo) {
    String dir = System.getenv(API_TEST_DIR);
    return in(dir == null || dir.isBlank() ? DEFAULT_API_TEST_DIR : Path.of(dir), repo);
  }

  static KubeBinaries in(Path apiTestDir, Path repo) {
    return new KubeBinaries(apiTestDir, pinnedVersion(repo.resolve("e2e/kube-build/go.mod"))).requirePresent();
  }

  Path directory() {
    return apiTestDir.resolve("k8s").resolve(version + Utils.platformSuffix(new OSInfo()));
  }

  Path kubectl() {
    return directory().resolve("kubectl");
  }

  private KubeBinaries requirePresent() {
    List<String> missing = NAMES.stream().filter(name -> !Files.isExecutable(directory().resolve(name))).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Kubernetes " + version + " test binaries are missing from " + directory() + ": "
          + String.join(", ", missing) + "; run e2e/scripts/kube-binaries.sh (it builds them once, minutes when cold),"
          + " or set " + API_TEST_DIR + " to a directory holding k8s/" + directory().getFileName() + "/");
    }
    return this;
  }

  private static String pinnedVersion(Path goMod) {
    String text;
    try {
      text = Files.readString(goMod);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pinned Kubernetes release from " + goMod, e);
    }
    Matcher pin = PINNED_RELEASE.matcher(text);
    if (!pin.find()) {
      throw new IllegalStateException(goMod + " requires no k8s.io/kubernetes version; it pins the release the tests run");
    }
    return pin.group(1);
  }
}
