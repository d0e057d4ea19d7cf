package io.chainblock.engine.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and value of one YAML document is, by JSON pointer, so that an error found after
 * parsing (an unknown field, a wrong type, a missing name) can still name its line and column.
 */
final class SourcePositions {
  private final Map<String, SourcePosition> keys = new HashMap<>();
  private final Map<String, SourcePosition> values = new HashMap<>();
  private final SourcePosition documentStart;

  private SourcePositions(SourcePosition documentStart) {
    this.documentStart = documentStart;
  }

  static SourcePositions of(JsonFactory yaml, YamlDocument document) throws IOException {
    SourcePositions positions = new SourcePositions(new SourcePosition(document.firstLine(), 1));
    try (JsonParser parser = yaml.createParser(document.text())) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        if (token == JsonToken.FIELD_NAME) {
          positions.keys.put(pointer, position(parser.currentTokenLocation()));
        } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
          String valuePointer = token.isStructStart() ? parentPointer(parser) : pointer;
          positions.values.putIfAbsent(valuePointer, position(parser.currentTokenLocation()));
        }
      }
    }
    return positions;
  }

  // At START_OBJECT/START_ARRAY the parser has already entered the new context.
  private static String parentPointer(JsonParser parser) {
    return parser.getParsingContext().getParent() == null
        ? ""
        : parser.getParsingContext().getParent().pathAsPointer().toString();
  }

  private static SourcePosition position(JsonLocation location) {
    return new SourcePosition(location.getLineNr(), location.getColumnNr());
  }

  /** The position of the key at {@code pointer}, else of its value, else of the nearest parent. */
  SourcePosition ofKey(JsonPointer pointer) {
    for (JsonPointer at = pointer; at != null; at = at.head()) {
      SourcePosition found = keys.getOrDefault(at.toString(), values.get(at.toString()));
      if (found != null) {
        return found;
      }
    }
    return documentStart;
  }

  /** The position of the value at {@code pointer}, else of its key, else of the nearest parent. */
  SourcePosition ofValue(JsonPointer pointer) {
    for (JsonPointer at = pointer; at != null; at = at.head()) {
      SourcePosition found = values.getOrDefault(at.toString(), keys.get(at.toString()));
      if (found != null) {
        return found;
      }
    }
    return documentStart;
  }
}
