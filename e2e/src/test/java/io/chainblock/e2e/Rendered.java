package io.chainblock.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.NoSuchElementException;

/** The objects one helm template run produced, found by kind, name and namespace. */
record Rendered(List<JsonNode> objects) {
  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  JsonNode get(String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no " + kind + " " + name + " in " + summary()));
  }

  JsonNode get(String kind, String name, String namespace) {
    return ofKind(kind).stream()
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .filter(o -> o.path("metadata").path("namespace").asText().equals(namespace))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no " + kind + " " + namespace + "/" + name + " in " + summary()));
  }

  List<String> summary() {
    return objects.stream()
        .map(o -> o.path("kind").asText() + " " + o.path("metadata").path("namespace").asText("-") + "/"
            + o.path("metadata").path("name").asText())
        .toList();
  }
}
