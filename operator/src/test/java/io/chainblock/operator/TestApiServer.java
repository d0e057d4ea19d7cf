package io.chainblock.operator;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real kube-apiserver and etcd, started by kube-api-test from the binaries that
 * e2e/scripts/kube-binaries.sh built (never downloaded), with the Chainblock CRDs installed.
 * Closing it stops both processes and removes their files.
 */
public final class TestApiServer implements AutoCloseable {
  private final KubeAPIServer server;
  private final Path workDir;
  private final Path kubeconfig;
  private final KubernetesClient client;
  private final Kubectl kubectl;
  private final List<String> crds;

  private TestApiServer(KubeAPIServer server, Path workDir, Path kubeconfig, KubernetesClient client, Kubectl kubectl,
      List<String> crds) {
    this.server = server;
    this.workDir = workDir;
    this.kubeconfig = kubeconfig;
    this.client = client;
    this.kubectl = kubectl;
    this.crds = crds;
  }

  /** Starts a server for the checkout at {@code repo}, whose crds/generated it installs. */
  static TestApiServer start(Path repo) {
    KubeBinaries binaries = KubeBinaries.pinned(repo);
    Path workDir = workDirSharing(binaries);
    KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(workDir.toString())
        .withApiServerVersion(binaries.version())
        .withOfflineMode(true)
        .build());
    try {
      server.start();
      return connect(server, workDir, binaries, repo.resolve("crds/generated"));
    } catch (RuntimeException e) {
      try {
        server.stop();
        deleteRecursively(workDir);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static TestApiServer connect(KubeAPIServer server, Path workDir, KubeBinaries binaries, Path crdDir) {
    String kubeconfigYaml = server.getKubeConfigYaml();
    Path kubeconfig = workDir.resolve("kubeconfig");
    try {
      Files.writeString(kubeconfig, kubeconfigYaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test server's kubeconfig " + kubeconfig, e);
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
    try {
      List<String> crds = ChainblockCrds.install(client, crdDir);
      return new TestApiServer(server, workDir, kubeconfig, client, new Kubectl(binaries.kubectl(), kubeconfig, workDir),
          crds);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** A client of the server, with cluster-admin rights; closed with the server. */
  KubernetesClient client() {
    return client;
  }

  /** A kubeconfig file for the server, for processes started by a test (kubectl, helm, the operator). */
  Path kubeconfig() {
    return kubeconfig;
  }

  public Kubectl kubectl() {
    return kubectl;
  }

  /** Names of the installed CRDs, e.g. chainpipelines.chainblock.io. */
  List<String> crds() {
    return crds;
  }

  @Override
  public void close() {
    client.close();
    server.stop();
    deleteRecursively(workDir);
  }

  // kube-api-test writes its certificates into its directory. A directory per server keeps
  // concurrent test runs on one machine apart and leaves the binary cache untouched; its k8s/
  // links to the cache's.
  private static Path workDirSharing(KubeBinaries binaries) {
    try {
      Path workDir = Files.createTempDirectory("chainblock-apiserver-");
      Files.createSymbolicLink(workDir.resolve("k8s"), binaries.apiTestDir().resolve("k8s"));
      return workDir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the test server's directory", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the test server's directory " + dir, e);
    }
  }
}
