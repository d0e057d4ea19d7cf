package io.chainblock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainblock.operator.OperatorConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What `helm install` of helm/chainblock creates, checked on the objects `helm template` renders. */
class HelmChartTest {
  private static final String ENDPOINT = "--set=storage.endpoint=http://minio.minio.svc:9000";
  private static final String FULLNAME = "cb-chainblock";

  /** The operator's rules in a watched namespace, exactly: anything more is privilege it does not use. */
  private static final List<String> WATCH_RULES = List.of(
      "chainblock.io chainpipelines,disks: get,list,watch,update,patch",
      "chainblock.io disks: create",
      "chainblock.io chainpipelines/status,disks/status: get,update,patch",
      "chainblock.io chainpipelines/finalizers,disks/finalizers: update",
      "batch jobs: get,list,watch,create,patch,delete",
      " pods: get,list,watch",
      " configmaps: get,list,watch,create,update,delete",
      " events: create,patch");

  @Test
  void lintPassesForEveryStorageChoice() throws Exception {
    for (String[] values : List.of(new String[] {}, new String[] {ENDPOINT}, new String[] {"--set=minio.enabled=true"})) {
      List<String> args = new ArrayList<>(List.of("lint", Helm.CHART.toString(), "--strict"));
      args.addAll(List.of(values));
      Helm.Result lint = Helm.run(args.toArray(String[]::new));
      assertThat(lint.exitCode()).as("helm %s\n%s%s", String.join(" ", args), lint.out(), lint.err()).isZero();
    }
  }

  @Test
  void installWithoutAnEndpointFailsNamingTheValue() throws Exception {
    Helm.Result result = Helm.tryTemplate();

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("storage.endpoint is not set", "minio.enabled=true");
  }

  @Test
  void allNamespacesGetOneClusterRoleWithExactlyTheOperatorsRules() throws Exception {
    Rendered r = Helm.template(ENDPOINT);

    assertThat(rules(r.get("ClusterRole", FULLNAME))).containsExactlyElementsOf(WATCH_RULES);
    JsonNode binding = r.get("ClusterRoleBinding", FULLNAME);
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(FULLNAME);
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(FULLNAME);
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(Helm.NAMESPACE);
    assertThat(r.ofKind("Role")).extracting(role -> role.at("/metadata/name").asText())
        .containsExactly(FULLNAME + "-leader-election");
    assertThat(env(r)).containsEntry(OperatorConfig.WATCH_NAMESPACES, "");
  }

  @Test
  void watchedNamespacesGetARoleEachAndNothingClusterWide() throws Exception {
    Rendered r = Helm.template(ENDPOINT, "--set=watchNamespaces={team-a,team-b}");

    assertThat(r.ofKind("ClusterRole")).isEmpty();
    assertThat(r.ofKind("ClusterRoleBinding")).isEmpty();
    for (String namespace : List.of("team-a", "team-b")) {
      assertThat(rules(r.get("Role", FULLNAME, namespace))).containsExactlyElementsOf(WATCH_RULES);
      JsonNode binding = r.get("RoleBinding", FULLNAME, namespace);
      assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(Helm.NAMESPACE);
    }
    assertThat(env(r)).containsEntry(OperatorConfig.WATCH_NAMESPACES, "team-a,team-b");
  }

  @Test
  void leaseRoleIsInTheOperatorsOwnNamespaceWhateverItWatches() throws Exception {
    for (String watch : List.of("--set=watchNamespaces=null", "--set=watchNamespaces={team-a}")) {
      Rendered r = Helm.template(ENDPOINT, watch);

      JsonNode role = r.get("Role", FULLNAME + "-leader-election", Helm.NAMESPACE);
      assertThat(rules(role)).containsExactly("coordination.k8s.io leases: get,create,update,patch");
      assertThat(r.get("RoleBinding", FULLNAME + "-leader-election", Helm.NAMESPACE).at("/subjects/0/name").asText())
          .isEqualTo(FULLNAME);
    }
  }

  @Test
  void withoutLeaderElectionThereIsNoLeaseRoleAndReplicasNeverOverlap() throws Exception {
    Rendered r = Helm.template(ENDPOINT, "--set=leaderElection=false");

    assertThat(r.ofKind("Role")).isEmpty();
    assertThat(env(r)).containsEntry(OperatorConfig.LEADER_ELECTION, "false");
    assertThat(operator(r).at("/spec/strategy/type").asText()).isEqualTo("Recreate");

    Helm.Result twoReplicas = Helm.tryTemplate(ENDPOINT, "--set=leaderElection=false", "--set=replicaCount=2");
    assertThat(twoReplicas.exitCode()).isNotZero();
    assertThat(twoReplicas.err()).contains("replicaCount > 1 needs leaderElection: true");
  }

  @Test
  void operatorGetsEverySettingUnderTheNamesOperatorConfigReads() throws Exception {
    Rendered r = Helm.template(ENDPOINT, "--set=storage.bucket=data", "--set=storage.secretName=my-s3",
        "--set=intermediatesTTL=30m", "--set=metrics.port=9090");

    Map<String, String> env = env(r);
    assertThat(env).containsEntry(OperatorConfig.RUNTIME_IMAGE, "docker.io/chainblock/runtime:0.1.0")
        .containsEntry(OperatorConfig.S3_ENDPOINT, "http://minio.minio.svc:9000")
        .containsEntry(OperatorConfig.S3_BUCKET, "data")
        .containsEntry(OperatorConfig.S3_SECRET, "my-s3")
        .containsEntry(OperatorConfig.INTERMEDIATES_TTL, "30m")
        .containsEntry(OperatorConfig.METRICS_PORT, "9090")
        .containsEntry(OperatorConfig.LEADER_ELECTION, "true");
    JsonNode podNamespace = envVar(r, OperatorConfig.POD_NAMESPACE);
    assertThat(podNamespace.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.namespace");
    assertThat(OperatorConfig.fromEnvironment(env).intermediatesTtl()).hasMinutes(30);
  }

  @Test
  void s3KeysAreMountedFilesFromTheSecretNotEnvironmentValues() throws Exception {
    Rendered r = Helm.template(ENDPOINT, "--set=storage.secretName=my-s3");

    JsonNode pod = operator(r).at("/spec/template/spec");
    JsonNode volume = named(pod.path("volumes"), "s3-credentials");
    assertThat(volume.at("/secret/secretName").asText()).isEqualTo("my-s3");
    assertThat(volume.at("/secret/items").findValuesAsText("key")).containsExactlyInAnyOrder("accessKey", "secretKey");
    String mountPath = named(pod.at("/containers/0/volumeMounts"), "s3-credentials").path("mountPath").asText();
    assertThat(env(r)).containsEntry("CHAINBLOCK_S3_ACCESS_KEY_FILE", mountPath + "/accessKey")
        .containsEntry("CHAINBLOCK_S3_SECRET_KEY_FILE", mountPath + "/secretKey")
        .doesNotContainKeys("CHAINBLOCK_S3_ACCESS_KEY", "CHAINBLOCK_S3_SECRET_KEY");
    assertThat(r.ofKind("Secret")).as("the user's Secret is not the chart's to create").isEmpty();
  }

  @Test
  void probesAndServiceFollowTheMetricsPort() throws Exception {
    Rendered r = Helm.template(ENDPOINT, "--set=metrics.port=9090");

    JsonNode container = operator(r).at("/spec/template/spec/containers/0");
    assertThat(named(container.path("ports"), "metrics").path("containerPort").asInt()).isEqualTo(9090);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("metrics");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("metrics");
    JsonNode service = r.get("Service", FULLNAME + "-metrics");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(9090);
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("metrics");
    assertThat(service.at("/spec/selector")).isEqualTo(operator(r).at("/spec/selector/matchLabels"));
  }

  @Test
  void operatorRunsAsNonRootOnAReadOnlyRootWithItsOwnServiceAccount() throws Exception {
    Rendered r = Helm.template(ENDPOINT);

    JsonNode pod = operator(r).at("/spec/template/spec");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(65532);
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    JsonNode container = pod.at("/containers/0");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(join(container.at("/securityContext/capabilities/drop"))).isEqualTo("ALL");
    assertThat(named(pod.path("volumes"), "tmp").has("emptyDir")).isTrue();
    assertThat(named(container.path("volumeMounts"), "tmp").path("mountPath").asText()).isEqualTo("/tmp");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo(FULLNAME);
    assertThat(r.get("ServiceAccount", FULLNAME).at("/metadata/namespace").asText()).isEqualTo(Helm.NAMESPACE);
  }

  @Test
  void imagesDefaultToTheChartsAppVersionAndAreNotPulledWhenPresent() throws Exception {
    Rendered r = Helm.template(ENDPOINT);

    JsonNode container = operator(r).at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo("docker.io/chainblock/operator:0.1.0");
    assertThat(container.path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(env(Helm.template(ENDPOINT, "--set=runtimeImage.tag=dev")))
        .containsEntry(OperatorConfig.RUNTIME_IMAGE, "docker.io/chainblock/runtime:dev");
  }

  @Test
  void minioIsOffByDefault() throws Exception {
    Rendered r = Helm.template(ENDPOINT);

    assertThat(r.objects()).noneMatch(o -> o.at("/metadata/name").asText().contains("minio"));
  }

  @Test
  void enabledMinioServesTheOperatorWithItsBucketAndCredentials() throws Exception {
    Rendered r = Helm.template("--set=minio.enabled=true", "--set=watchNamespaces={team-a}");

    String minio = FULLNAME + "-minio";
    JsonNode deployment = r.get("Deployment", minio);
    JsonNode pod = deployment.at("/spec/template/spec");
    assertThat(pod.at("/containers/0/image").asText()).isEqualTo("docker.io/chainblock/minio:" + pinnedMinio());
    assertThat(pod.at("/containers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(join(pod.at("/initContainers/0/command"))).isEqualTo("mkdir,-p,/data/chainblock");
    assertThat(r.get("Service", minio).at("/spec/ports/0/port").asInt()).isEqualTo(9000);
    assertThat(r.get("Service", minio).at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
    assertThat(r.get("Secret", minio).at("/stringData/rootUser").asText()).isEqualTo("chainblock");
    assertThat(env(r)).containsEntry(OperatorConfig.S3_ENDPOINT, "http://" + minio + "." + Helm.NAMESPACE + ".svc:9000");
    for (String namespace : List.of(Helm.NAMESPACE, "team-a")) {
      JsonNode s3 = r.get("Secret", "chainblock-s3", namespace);
      assertThat(s3.at("/stringData/accessKey").asText()).isEqualTo("chainblock");
      assertThat(s3.at("/stringData/secretKey").asText()).isEqualTo("chainblock-dev-secret");
    }
  }

  @Test
  void inlineCredentialsMakeTheSecretInEveryNamespaceShardsRunIn() throws Exception {
    Rendered r = Helm.template(ENDPOINT, "--set=watchNamespaces={team-a,team-b}",
        "--set=storage.credentials.accessKey=ak", "--set=storage.credentials.secretKey=s k");

    assertThat(r.ofKind("Secret")).extracting(s -> s.at("/metadata/namespace").asText())
        .containsExactlyInAnyOrder(Helm.NAMESPACE, "team-a", "team-b");
    assertThat(r.get("Secret", "chainblock-s3", "team-b").at("/stringData/secretKey").asText()).isEqualTo("s k");

    Helm.Result half = Helm.tryTemplate(ENDPOINT, "--set=storage.credentials.accessKey=ak");
    assertThat(half.exitCode()).isNotZero();
    assertThat(half.err()).contains("storage.credentials needs both accessKey and secretKey");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      --set=metrics.port=abc                      | /metrics/port
      --set=metrics.port=70000                    | /metrics/port
      --set=intermediatesTTL=soon                 | /intermediatesTTL
      --set=watchNamespaces={Team_A}              | /watchNamespaces/0
      --set=image.pullPolicy=Sometimes            | /image/pullPolicy
      --set=storage.endpont=http://typo:9000      | 'endpont' not allowed
      --set=leaderElection=maybe                  | /leaderElection
      --set=storage.bucket=Upper_Case             | /storage/bucket
      """)
  void schemaRejectsBadValuesNamingThem(String set, String named) throws Exception {
    Helm.Result result = Helm.tryTemplate(ENDPOINT, set);

    assertThat(result.exitCode()).as("helm template %s should fail", set).isNotZero();
    assertThat(result.err()).contains(named);
  }

  private static JsonNode operator(Rendered r) {
    return r.get("Deployment", FULLNAME);
  }

  private static Map<String, String> env(Rendered r) {
    Map<String, String> env = new LinkedHashMap<>();
    operator(r).at("/spec/template/spec/containers/0/env").forEach(e -> {
      if (e.has("value")) {
        env.put(e.path("name").asText(), e.path("value").asText());
      }
    });
    return env;
  }

  private static JsonNode envVar(Rendered r, String name) {
    return named(operator(r).at("/spec/template/spec/containers/0/env"), name);
  }

  private static JsonNode named(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (item.path("name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("nothing named " + name + " in " + list);
  }

  private static List<String> rules(JsonNode role) {
    List<String> rules = new ArrayList<>();
    role.path("rules").forEach(rule -> rules.add(
        join(rule.path("apiGroups")) + " " + join(rule.path("resources")) + ": " + join(rule.path("verbs"))));
    return rules;
  }

  private static String join(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return String.join(",", items);
  }

  /** The MinIO version e2e/scripts/minio.sh builds: the chart's MinIO image is made from that binary. */
  private static String pinnedMinio() throws Exception {
    Matcher m = Pattern.compile("(?m)^readonly MINIO_VERSION=(\\S+)$")
        .matcher(Files.readString(Cli.REPO.resolve("e2e/scripts/minio.sh")));
    assertThat(m.find()).as("MINIO_VERSION in e2e/scripts/minio.sh").isTrue();
    return m.group(1);
  }
}
