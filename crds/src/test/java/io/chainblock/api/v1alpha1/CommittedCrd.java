package io.chainblock.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the CRD the Fabric8 generator writes into the file committed under crds/generated.
 *
 * <p>The generator sorts printer columns by JSON path, which would show Age first; the committed
 * CRD lists them in the order of the {@link AdditionalPrinterColumn} annotations on the resource
 * class instead.
 */
final class CommittedCrd {
  static final String HEADER = """
      # Generated from the API types in crds/src/main/java; do not edit.
      # To regenerate: mvn -pl crds test, then cp crds/target/generated-crds/*.yml crds/generated/
      """;

  private static final YAMLMapper YAML = new YAMLMapper();

  private CommittedCrd() {}

  static String fromGenerated(String generatedYaml, Class<? extends HasMetadata> resource) throws IOException {
    JsonNode crd = YAML.readTree(generatedYaml);
    List<String> order = Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
    for (JsonNode version : crd.path("spec").path("versions")) {
      ArrayNode columns = (ArrayNode) version.path("additionalPrinterColumns");
      List<JsonNode> sorted = new ArrayList<>();
      columns.forEach(sorted::add);
      sorted.sort(Comparator.comparingInt(column -> rank(order, column.path("name").asText())));
      columns.removeAll();
      columns.addAll(sorted);
      ((ObjectNode) version).set("additionalPrinterColumns", columns);
    }
    return HEADER + YAML.writeValueAsString(crd);
  }

  private static int rank(List<String> order, String name) {
    int index = order.indexOf(name);
    return index < 0 ? order.size() : index;
  }
}
