package io.chainblock.engine.plan;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns Jackson's binding errors into a field path and a sentence a pipeline author can act on. */
final class MappingErrors {
  private MappingErrors() {}

  static PipelineFileException translate(String source, SourcePositions positions, JsonMappingException error,
      JsonNode document) {
    List<Reference> path = error.getPath();
    String field = fieldPath(path);
    JsonPointer pointer = pointer(path);
    if (error instanceof UnrecognizedPropertyException unknown) {
      return new PipelineFileException(source, positions.ofKey(pointer), field,
          unknownField(unknown.getPropertyName(), unknown.getKnownPropertyIds()));
    }
    String expected = error instanceof MismatchedInputException mismatch
        ? expected(mismatch.getTargetType())
        : "a different value";
    return new PipelineFileException(source, positions.ofValue(pointer), field,
        "expected " + expected + ", got " + describe(document.at(pointer)));
  }

  private static String unknownField(String name, Collection<Object> knownIds) {
    TreeSet<String> known = knownIds.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    return "unknown field '" + name + "'" + Suggestions.didYouMean(name, known)
        + " (fields here: " + String.join(", ", known) + ")";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants())
          .map(constant -> EnumNames.yamlName((Enum<?>) constant))
          .collect(Collectors.joining(", "));
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a mapping (key: value pairs)";
  }

  private static String describe(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return "'" + value.asText() + "'";
  }

  /** {@code spec.blocks[0].shards} for the references spec, blocks, 0, shards. */
  static String fieldPath(List<Reference> path) {
    StringBuilder field = new StringBuilder();
    for (Reference reference : path) {
      if (reference.getFieldName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  static JsonPointer pointer(List<Reference> path) {
    JsonPointer pointer = JsonPointer.empty();
    for (Reference reference : path) {
      if (reference.getFieldName() != null) {
        pointer = pointer.appendProperty(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        pointer = pointer.appendIndex(reference.getIndex());
      }
    }
    return pointer;
  }
}
