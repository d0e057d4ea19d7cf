package io.chainblock.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator's catalogue of broken pipelines (runtime-image's test resources), applied to an
 * API server at once: each that a client can send becomes Failed with Valid=False naming the
 * field, nothing creates a Job, and the operator keeps reconciling throughout.
 */
@EnableKubernetesMockClient(crud = true)
class MalformedPipelinesTest {
  private static final Path INVALID = Path.of("../runtime-image/src/test/resources/pipelines/invalid");
  KubernetesClient client;
  @TempDir Path storage;

  @Test
  void everyMalformedPipelineIsMarkedInvalidAndNothingRuns() throws Exception {
    List<String> applied = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    try (OperatorUnderTest operator = new OperatorUnderTest(client, storage, PipelineListener.NONE);
         Stream<Path> files = Files.list(INVALID)) {
      for (Path file : files.sorted().toList()) {
        String namespace = file.getFileName().toString().replace(".yaml", "");
        try {
          applied.addAll(apply(file, namespace));
        } catch (Exception rejected) {
          unreadable.add(namespace + ": " + rejected.getMessage());
        }
      }
      List<String> invalid = new ArrayList<>();
      for (String pipeline : applied) {
        String[] at = pipeline.split("/");
        ChainPipeline reconciled = new JobController(client, at[0]).awaitPipeline(at[1],
            p -> p.getStatus().observedGeneration != null, "reconciled");
        var valid = Conditions.find(reconciled.getStatus().conditions, Conditions.VALID);
        if ("False".equals(valid.getStatus())) {
          invalid.add(pipeline);
          assertThat(valid.getMessage()).as(pipeline).startsWith("spec");
          assertThat(client.batch().v1().jobs().inNamespace(at[0]).list().getItems()).as(pipeline).isEmpty();
        }
      }
      assertThat(invalid).as("pipelines with Valid=False (files no client can send: %s)", unreadable)
          .hasSizeGreaterThanOrEqualTo(20);
    }
  }

  /** Applies the file's Disks and pipelines to {@code namespace}, as kubectl apply would; returns NS/NAME of each pipeline. */
  private List<String> apply(Path file, String namespace) throws Exception {
    List<String> pipelines = new ArrayList<>();
    ObjectMapper yaml = new YAMLMapper();
    try (var documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (documents.hasNext()) {
        JsonNode document = (JsonNode) documents.next();
        if (document == null || !document.isObject()) {
          continue;
        }
        ((ObjectNode) document.with("metadata")).put("namespace", namespace);
        switch (document.path("kind").asText()) {
          case "Disk" -> client.resource(yaml.treeToValue(document, Disk.class)).create();
          case "ChainPipeline" -> {
            ChainPipeline created = client.resource(yaml.treeToValue(document, ChainPipeline.class)).create();
            pipelines.add(namespace + "/" + created.getMetadata().getName());
          }
          default -> { }
        }
      }
    }
    return pipelines;
  }
}
