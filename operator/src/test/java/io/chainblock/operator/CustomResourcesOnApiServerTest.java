package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.engine.plan.PipelineDocuments;
import io.chainblock.engine.plan.PipelineFile;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The committed CRDs on a real API server: what kubectl users and the operator see of them. */
@ExtendWith(RealApiServer.class)
class CustomResourcesOnApiServerTest {
  private static final String NAMESPACE = "custom-resources";
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void createNamespace(KubernetesClient client) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
  }

  @Test
  void bothCrdsAreEstablished(TestApiServer server, KubernetesClient client) {
    assertThat(server.crds()).containsExactlyInAnyOrder("chainpipelines.chainblock.io", "disks.chainblock.io");
    for (String name : server.crds()) {
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      assertThat(ChainblockCrds.established(crd)).as(name + " is established").isTrue();
    }
  }

  @Test
  void theServerAndKubectlReportThePinnedRelease(TestApiServer server, KubernetesClient client) throws IOException {
    String release = "v" + KubeBinaries.pinned(RealApiServer.REPO).version();

    JsonNode versions = JSON.readTree(server.kubectl().run("version", "-o", "json"));

    assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(release);
    assertThat(versions.at("/clientVersion/gitVersion").asText()).isEqualTo(release);
    assertThat(versions.at("/serverVersion/gitVersion").asText()).isEqualTo(release);
  }

  @Test
  void theWordcountSampleRoundTrips(KubernetesClient client) throws Exception {
    PipelineDocuments sample = wordcount();

    ChainPipeline created = client.resources(ChainPipeline.class).inNamespace(NAMESPACE).resource(sample.pipeline())
        .create();
    Disk disk = client.resources(Disk.class).inNamespace(NAMESPACE).resource(sample.disks().get("corpus")).create();

    ChainPipeline read = client.resources(ChainPipeline.class).inNamespace(NAMESPACE).withName("wordcount").get();
    assertThat(tree(read.getSpec())).isEqualTo(tree(sample.pipeline().getSpec()));
    assertThat(read.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    Disk readDisk = client.resources(Disk.class).inNamespace(NAMESPACE).withName("corpus").get();
    assertThat(tree(readDisk.getSpec())).isEqualTo(tree(disk.getSpec()));
    assertThat(readDisk.getSpec().chunkSize.toString()).isEqualTo("64Mi");
  }

  @Test
  void statusIsASubresource(KubernetesClient client) throws Exception {
    ChainPipeline pipeline = wordcount().pipeline();
    pipeline.getMetadata().setName("status-subresource");
    ChainPipeline created = client.resources(ChainPipeline.class).inNamespace(NAMESPACE).resource(pipeline).create();

    created.setStatus(status(ChainPipelineStatus.Phase.Running, "0/2", "1/6"));
    created.getSpec().blocks.getFirst().shards = 99;
    ChainPipeline afterStatus = client.resources(ChainPipeline.class).inNamespace(NAMESPACE).resource(created)
        .updateStatus();
    assertThat(afterStatus.getStatus().phase).isEqualTo(ChainPipelineStatus.Phase.Running);
    assertThat(afterStatus.getSpec().blocks.getFirst().shards).as("spec is kept by a status update").isEqualTo(4);
    assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());

    afterStatus.setStatus(status(ChainPipelineStatus.Phase.Failed, "2/2", "6/6"));
    afterStatus.getSpec().blocks.getFirst().parallelism = 2;
    ChainPipeline afterUpdate = client.resources(ChainPipeline.class).inNamespace(NAMESPACE).resource(afterStatus)
        .update();
    assertThat(afterUpdate.getSpec().blocks.getFirst().parallelism).isEqualTo(2);
    assertThat(afterUpdate.getStatus().phase).as("status is kept by a spec update").isEqualTo(ChainPipelineStatus.Phase.Running);
    assertThat(afterUpdate.getStatus().blocksDone).isEqualTo("0/2");
    assertThat(afterUpdate.getMetadata().getGeneration()).isGreaterThan(created.getMetadata().getGeneration());
  }

  @Test
  void kubectlGetShowsThePrinterColumns(TestApiServer server, KubernetesClient client) throws Exception {
    ChainPipeline pipeline = wordcount().pipeline();
    pipeline.getMetadata().setName("printer-columns");
    ChainPipeline created = client.resources(ChainPipeline.class).inNamespace(NAMESPACE).resource(pipeline).create();
    created.setStatus(status(ChainPipelineStatus.Phase.Running, "1/2", "4/6"));
    client.resources(ChainPipeline.class).inNamespace(NAMESPACE).resource(created).updateStatus();

    List<String> lines = server.kubectl().run("get", "chainpipelines", "-n", NAMESPACE, "printer-columns").lines()
        .toList();

    assertThat(columns(lines.getFirst())).containsExactly("NAME", "PHASE", "BLOCKS", "SHARDS", "AGE");
    assertThat(columns(lines.get(1))).startsWith("printer-columns", "Running", "1/2", "4/6");
  }

  @Test
  void kubectlExplainShowsTheShardsDescription(TestApiServer server) throws IOException {
    JsonNode crd = new YAMLMapper().readTree(RealApiServer.REPO.resolve("crds/generated/chainpipelines.chainblock.io-v1.yml")
        .toFile());
    String description = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/blocks/items"
        + "/properties/shards/description").asText();
    assertThat(description).startsWith("Number of shards");

    String explained = server.kubectl().run("explain", "chainpipeline.spec.blocks.shards");

    assertThat(explained).contains("KIND:       ChainPipeline").contains("FIELD: shards <integer>");
    assertThat(words(explained)).contains(words(description));
  }

  private static PipelineDocuments wordcount() throws Exception {
    return PipelineFile.load(RealApiServer.REPO.resolve("samples/wordcount.yaml"));
  }

  private static ChainPipelineStatus status(ChainPipelineStatus.Phase phase, String blocksDone, String shardsDone) {
    ChainPipelineStatus status = new ChainPipelineStatus();
    status.phase = phase;
    status.blocksDone = blocksDone;
    status.shardsDone = shardsDone;
    return status;
  }

  private static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  private static List<String> columns(String line) {
    return Arrays.asList(line.trim().split("\\s+"));
  }

  // kubectl explain wraps descriptions at its own width.
  private static String words(String text) {
    return text.trim().replaceAll("\\s+", " ");
  }
}
