package io.chainblock.e2e.cluster;

import io.chainblock.e2e.Cli;
import io.chainblock.e2e.Helm;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The cluster under test with the chart installed, once for the whole suite: namespaces of the
 * suite's own (a release namespace and one per test class), {@code helm install} of
 * helm/chainblock with the development MinIO and the operator watching those namespaces, and a
 * port-forward to MinIO. {@link #close} removes all of it: the test namespaces first, while the
 * operator still runs to remove the pipelines' intermediates, then the release, its namespace
 * and the CRDs when the suite installed them.
 *
 * <p>The kubeconfig comes from the system property {@value #KUBECONFIG_PROPERTY} or the variable
 * {@value #KUBECONFIG_ENV}; without one, or without a Ready node, every test fails. Nothing here
 * knows which cluster it is: the local one of e2e/cluster/up.sh and Kind's run the same suite.
 * {@code CHAINBLOCK_E2E_KEEP=1} leaves everything in place for a look after a failure.
 */
final class Cluster implements AutoCloseable {
  static final String KUBECONFIG_PROPERTY = "chainblock.e2e.kubeconfig";
  static final String KUBECONFIG_ENV = "CHAINBLOCK_E2E_KUBECONFIG";
  static final String RELEASE = "chainblock";
  /** The chart's names for release {@value #RELEASE}: its full name already says chainblock. */
  static final String OPERATOR = RELEASE;
  static final String MINIO_SERVICE = RELEASE + "-minio";
  static final String LEASE = "chainblock-operator";
  /** One namespace per test class, known before the install: the chart puts the S3 Secret in each. */
  static final List<String> TEST_NAMESPACES = List.of("samples", "lifecycle", "faults");
  static final List<String> CRDS = List.of("chainpipelines.chainblock.io", "disks.chainblock.io");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(6);
  private static final Duration TEARDOWN_TIMEOUT = Duration.ofMinutes(4);

  private final Path kubeconfig;
  private final KubernetesClient client;
  private final Kubectl kubectl;
  private final String id;
  private final Map<String, String> namespaces;
  private final List<String> crdsToRemove = new ArrayList<>();
  private PortForward minio;
  private ObjectStore store;

  private Cluster(Path kubeconfig, KubernetesClient client, String id) {
    this.kubeconfig = kubeconfig;
    this.client = client;
    this.kubectl = Kubectl.forKubeconfig(kubeconfig);
    this.id = id;
    this.namespaces = new LinkedHashMap<>();
    namespaces.put("system", id + "-system");
    TEST_NAMESPACES.forEach(purpose -> namespaces.put(purpose, id + "-" + purpose));
  }

  static Cluster start() {
    Path kubeconfig = kubeconfig();
    Config config;
    try {
      config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig, e);
    }
    detectClientKeyAlgorithm(config);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Random random = new Random();
    StringBuilder id = new StringBuilder("cbe2e-");
    random.ints(5, 0, 36).forEach(i -> id.append(Character.forDigit(i, 36)));
    Cluster cluster = new Cluster(kubeconfig, client, id.toString());
    try {
      cluster.install();
      return cluster;
    } catch (RuntimeException e) {
      try {
        cluster.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static Path kubeconfig() {
    String value = System.getProperty(KUBECONFIG_PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(KUBECONFIG_ENV);
    }
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the cluster suite needs a cluster: set " + KUBECONFIG_ENV + " (or -D"
          + KUBECONFIG_PROPERTY + ") to its kubeconfig; e2e/cluster/run-suite.sh KUBECONFIG does");
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(KUBECONFIG_ENV + "=" + value + ": no such readable file (is the cluster up?)");
    }
    return path;
  }

  /**
   * Fabric8 reads a PKCS#8 client key ("BEGIN PRIVATE KEY") as RSA unless told otherwise, and then
   * fails on the EC keys openssl makes for e2e/cluster/up.sh ("Invalid DER"); kubectl and helm
   * read the same kubeconfig without help.
   */
  private static void detectClientKeyAlgorithm(Config config) {
    String data = config.getClientKeyData();
    if (data == null || data.isBlank()) {
      return;
    }
    String pem = new String(Base64.getMimeDecoder().decode(data.strip()), StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      return;
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        config.setClientKeyAlgo(algorithm);
        return;
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
  }

  private void install() {
    List<Node> nodes = client.nodes().list().getItems();
    List<String> ready = nodes.stream().filter(Cluster::isReady).map(n -> n.getMetadata().getName()).toList();
    if (ready.isEmpty()) {
      throw new IllegalStateException("no node of the cluster at " + client.getMasterUrl() + " is Ready: "
          + nodes.stream().map(n -> n.getMetadata().getName()).toList());
    }
    log("cluster %s, nodes %s; suite namespaces %s", client.getMasterUrl(), ready, namespaces.values());
    for (String namespace : namespaces.values()) {
      Namespace ns = new NamespaceBuilder().withNewMetadata().withName(namespace)
          .addToLabels("chainblock.io/e2e-suite", id).endMetadata().build();
      client.namespaces().resource(ns).create();
    }
    List<String> presentCrds = CRDS.stream()
        .filter(name -> client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null).toList();
    CRDS.stream().filter(name -> !presentCrds.contains(name)).forEach(crdsToRemove::add);

    String watched = TEST_NAMESPACES.stream().map(p -> "\"" + namespace(p) + "\"").collect(Collectors.joining(",", "[", "]"));
    Command helm = Command.run(List.of(Helm.binary().toString(), "install", RELEASE, Helm.CHART.toString(),
        "--kubeconfig", kubeconfig.toString(), "--namespace", systemNamespace(),
        "--set", "minio.enabled=true", "--set-json", "watchNamespaces=" + watched,
        "--wait", "--timeout", INSTALL_TIMEOUT.toSeconds() + "s"), Map.of(), INSTALL_TIMEOUT.plusMinutes(1));
    if (helm.exitCode() != 0) {
      throw new IllegalStateException("helm install failed (exit " + helm.exitCode() + "):\n" + helm.err()
          + "\n" + diagnostics(systemNamespace()));
    }
    if (!presentCrds.isEmpty()) {
      // helm installs a chart's CRDs only where none exist: bring older ones up to this checkout's
      log("CRDs %s were already installed: applying the chart's copies", presentCrds);
      kubectl.run("apply", "--server-side", "--force-conflicts", "-f", Helm.CHART.resolve("crds").toString());
    }
    log("helm install %s done: operator and MinIO ready in %s", RELEASE, systemNamespace());

    Secret keys = client.secrets().inNamespace(systemNamespace()).withName("chainblock-s3").get();
    minio = new PortForward(kubectl, systemNamespace(), MINIO_SERVICE, 9000);
    store = new ObjectStore(minio, "chainblock", decode(keys, "accessKey"), decode(keys, "secretKey"));
    log("MinIO forwarded to %s", store.endpoint());
  }

  KubernetesClient client() {
    return client;
  }

  Kubectl kubectl() {
    return kubectl;
  }

  ObjectStore store() {
    return store;
  }

  String namespace(String purpose) {
    String namespace = namespaces.get(purpose);
    if (namespace == null) {
      throw new IllegalArgumentException("no suite namespace for " + purpose + "; add it to Cluster.TEST_NAMESPACES");
    }
    return namespace;
  }

  String systemNamespace() {
    return namespaces.get("system");
  }

  List<Pod> operatorPods() {
    return client.pods().inNamespace(systemNamespace())
        .withLabel("app.kubernetes.io/instance", RELEASE).withLabel("app.kubernetes.io/component", "operator")
        .list().getItems();
  }

  /** {@code chainblock disk put NAME FILES… -n NAMESPACE --endpoint …}, as a user fills a Disk. */
  String diskPut(String namespace, String disk, List<Path> files, String... options) {
    List<String> args = new ArrayList<>(List.of("disk", "put", disk));
    files.forEach(f -> args.add(f.toString()));
    args.addAll(List.of(options));
    args.addAll(List.of("-n", namespace, "--endpoint", store.endpoint()));
    return chainblock(args).out();
  }

  /** {@code chainblock disk get NAME -n NAMESPACE -o FILE --endpoint …}. */
  void diskGet(String namespace, String disk, Path file) {
    chainblock(List.of("disk", "get", disk, "-n", namespace, "-o", file.toString(), "--endpoint", store.endpoint()));
  }

  private Command chainblock(List<String> args) {
    List<String> command = new ArrayList<>(List.of(Cli.REPO.resolve("runtime-image/bin/chainblock").toString()));
    command.addAll(args);
    Map<String, String> env = new LinkedHashMap<>(store.cliEnvironment());
    env.put("JAVA_OPTS", "-Xmx256m");
    return Command.run(command, env, Duration.ofMinutes(3)).orFail();
  }

  /** What a person would look at when a pipeline does not do what a test expects. */
  String diagnostics(String namespace) {
    StringBuilder text = new StringBuilder("---- namespace ").append(namespace).append(" ----\n");
    for (String[] args : List.of(
        new String[] {"get", "chainpipelines,disks,jobs,pods", "-n", namespace, "-o", "wide"},
        new String[] {"get", "events", "-n", namespace, "--sort-by=.lastTimestamp"},
        new String[] {"get", "pods", "-n", systemNamespace(), "-o", "wide"},
        new String[] {"logs", "-n", systemNamespace(), "deploy/" + OPERATOR, "--tail=40"})) {
      Command c = kubectl.tryRun(Duration.ofSeconds(30), args);
      text.append("$ kubectl ").append(String.join(" ", args)).append('\n').append(c.out()).append(c.err());
    }
    return text.toString();
  }

  @Override
  public void close() {
    if ("1".equals(System.getenv("CHAINBLOCK_E2E_KEEP"))) {
      log("CHAINBLOCK_E2E_KEEP=1: leaving namespaces %s, release %s and the CRDs in place", namespaces.values(), RELEASE);
      closeQuietly();
      return;
    }
    List<String> problems = new ArrayList<>();
    // The test namespaces go first, since their pipelines' finalizers need the operator, and their
    // pipelines before them: deleting a namespace also deletes the Role that lets the operator in,
    // before the finalizers run, and the namespace then stays Terminating for good.
    List<String> testNamespaces = TEST_NAMESPACES.stream().map(this::namespace).toList();
    for (String namespace : testNamespaces) {
      attempt(problems, () -> kubectl.tryRun(TEARDOWN_TIMEOUT.plusMinutes(1), "delete", "chainpipelines", "--all", "-n", namespace,
          "--wait", "--timeout=" + TEARDOWN_TIMEOUT.toSeconds() + "s").orFail());
    }
    attempt(problems, () -> deleteNamespaces(testNamespaces));
    attempt(problems, () -> {
      Command uninstall = Command.run(List.of(Helm.binary().toString(), "uninstall", RELEASE, "--kubeconfig",
          kubeconfig.toString(), "--namespace", systemNamespace(), "--wait", "--timeout", "3m"), Map.of(),
          Duration.ofMinutes(4));
      if (uninstall.exitCode() != 0 && !uninstall.err().contains("not found")) {
        throw new IllegalStateException("helm uninstall: " + uninstall.err());
      }
    });
    attempt(problems, () -> deleteNamespaces(List.of(systemNamespace())));
    for (String crd : crdsToRemove) {
      attempt(problems, () -> client.apiextensions().v1().customResourceDefinitions().withName(crd).delete());
    }
    closeQuietly();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the suite could not remove all it created: " + problems);
    }
    log("removed namespaces %s, release %s%s", namespaces.values(), RELEASE,
        crdsToRemove.isEmpty() ? "" : " and CRDs " + crdsToRemove);
  }

  private void deleteNamespaces(List<String> names) {
    List<String> existing = names.stream().filter(n -> client.namespaces().withName(n).get() != null).toList();
    if (existing.isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>(List.of("delete", "namespace", "--wait", "--timeout",
        TEARDOWN_TIMEOUT.toSeconds() + "s"));
    args.addAll(existing);
    Command deleted = kubectl.tryRun(TEARDOWN_TIMEOUT.plusMinutes(1), args.toArray(String[]::new));
    if (deleted.exitCode() != 0) {
      throw new IllegalStateException("kubectl delete namespace " + existing + ": " + deleted.err()
          + existing.stream().map(this::diagnostics).collect(Collectors.joining()));
    }
  }

  private void closeQuietly() {
    if (minio != null) {
      minio.close();
    }
    client.close();
  }

  private static void attempt(List<String> problems, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
    }
  }

  private static boolean isReady(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String decode(Secret secret, String key) {
    if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
      throw new IllegalStateException("the chart's Secret chainblock-s3 has no " + key);
    }
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  static void log(String format, Object... args) {
    System.out.println("[cluster " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, args));
  }
}
