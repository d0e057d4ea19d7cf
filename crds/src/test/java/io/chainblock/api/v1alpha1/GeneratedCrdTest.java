package io.chainblock.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed CRDs under crds/generated match the Java types, and document every field. */
class GeneratedCrdTest {
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  private static final Path COMMITTED = Path.of("generated");
  private static final Path EXPECTED = Path.of("target/generated-crds");
  private static final Map<String, Class<? extends HasMetadata>> RESOURCES = Map.of(
      "chainpipelines.chainblock.io-v1.yml", ChainPipeline.class,
      "disks.chainblock.io-v1.yml", Disk.class);

  @ParameterizedTest
  @ValueSource(strings = {"chainpipelines.chainblock.io-v1.yml", "disks.chainblock.io-v1.yml"})
  void committedCrdIsUpToDate(String file) throws IOException {
    String expected = CommittedCrd.fromGenerated(Files.readString(GENERATED.resolve(file)), RESOURCES.get(file));
    Files.createDirectories(EXPECTED);
    Files.writeString(EXPECTED.resolve(file), expected);
    Path committed = COMMITTED.resolve(file);
    if (!Files.exists(committed) || !Files.readString(committed).equals(expected)) {
      fail("crds/generated/" + file + " does not match the API types. To regenerate: "
          + "cp crds/target/generated-crds/*.yml into crds/generated/ and helm/chainblock/crds/ (this test just wrote them)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"chainpipelines.chainblock.io-v1.yml", "disks.chainblock.io-v1.yml"})
  void everyPropertyHasADescription(String file) throws IOException {
    JsonNode crd = new YAMLMapper().readTree(COMMITTED.resolve(file).toFile());
    List<String> undocumented = new ArrayList<>();
    for (JsonNode version : crd.path("spec").path("versions")) {
      collectUndocumented(version.path("schema").path("openAPIV3Schema"), "", undocumented);
    }
    assertThat(undocumented).as("properties of %s without a @JsonPropertyDescription", file).isEmpty();
  }

  @Test
  void chainPipelineColumnsAreInDisplayOrder() throws IOException {
    JsonNode crd = new YAMLMapper().readTree(COMMITTED.resolve("chainpipelines.chainblock.io-v1.yml").toFile());
    List<String> names = new ArrayList<>();
    crd.path("spec").path("versions").get(0).path("additionalPrinterColumns")
        .forEach(column -> names.add(column.path("name").asText()));
    assertThat(names).containsExactly("Phase", "Blocks", "Shards", "Age");
  }

  private static void collectUndocumented(JsonNode schema, String path, List<String> undocumented) {
    schema.path("properties").properties().forEach(property -> {
      String propertyPath = path + "." + property.getKey();
      JsonNode propertySchema = property.getValue();
      if (!propertySchema.hasNonNull("description")) {
        undocumented.add(propertyPath);
      }
      collectUndocumented(propertySchema, propertyPath, undocumented);
      collectUndocumented(propertySchema.path("items"), propertyPath + "[]", undocumented);
      collectUndocumented(propertySchema.path("additionalProperties"), propertyPath + "{}", undocumented);
    });
  }
}
