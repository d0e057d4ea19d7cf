package io.chainblock.engine.plan;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pipeline file: YAML documents separated by {@code ---}, exactly one ChainPipeline and
 * any number of Disks, the same file {@code kubectl apply -f} takes. Every fault is reported with
 * the line and column it is at and the field it concerns.
 */
public final class PipelineFile {
  private static final String API_VERSION = ChainPipeline.GROUP + "/" + ChainPipeline.VERSION;
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  private PipelineFile() {}

  public static PipelineDocuments load(Path file) throws PipelineFileException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new PipelineFileException(file.toString(), null, "", "no such file");
    } catch (IOException unreadable) {
      throw new PipelineFileException(file.toString(), null, "", "cannot read: " + unreadable.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Parses the text of a pipeline file; {@code sourceName} is the file name messages start with. */
  public static PipelineDocuments parse(String yaml, String sourceName) throws PipelineFileException {
    ChainPipeline pipeline = null;
    SourcePosition pipelinePosition = null;
    Map<String, Disk> disks = new LinkedHashMap<>();
    for (YamlDocument document : YamlDocument.split(yaml)) {
      JsonNode tree = readTree(document, sourceName);
      if (tree.isMissingNode() || tree.isNull()) {
        continue;
      }
      SourcePositions positions = positions(document, sourceName);
      if (!tree.isObject()) {
        throw new PipelineFileException(sourceName, positions.ofValue(JsonPointer.empty()), "",
            "a document must be a mapping with apiVersion, kind, metadata and spec");
      }
      String kind = checkHeader(tree, positions, sourceName);
      if (kind.equals("ChainPipeline")) {
        if (pipeline != null) {
          throw new PipelineFileException(sourceName, positions.ofValue(JsonPointer.compile("/kind")), "kind",
              "a second ChainPipeline; a pipeline file holds exactly one (the first is at line "
                  + pipelinePosition.line() + ")");
        }
        pipeline = bind(tree, ChainPipeline.class, positions, sourceName);
        pipelinePosition = positions.ofValue(JsonPointer.compile("/kind"));
      } else {
        Disk disk = bind(tree, Disk.class, positions, sourceName);
        if (disks.putIfAbsent(disk.getMetadata().getName(), disk) != null) {
          throw new PipelineFileException(sourceName, positions.ofValue(JsonPointer.compile("/metadata/name")),
              "metadata.name", "a second Disk named '" + disk.getMetadata().getName() + "'; Disk names must be unique");
        }
        DiskSizes.check(disk, positions, sourceName);
      }
    }
    if (pipeline == null) {
      throw new PipelineFileException(sourceName, null, "",
          "no ChainPipeline: add a document with apiVersion: " + API_VERSION + " and kind: ChainPipeline");
    }
    return new PipelineDocuments(pipeline, disks);
  }

  private static JsonNode readTree(YamlDocument document, String sourceName) throws PipelineFileException {
    try {
      return YAML.readTree(document.text());
    } catch (JsonProcessingException syntax) {
      var location = syntax.getLocation();
      SourcePosition position = location == null
          ? new SourcePosition(document.firstLine(), 1)
          : new SourcePosition(location.getLineNr(), location.getColumnNr());
      throw new PipelineFileException(sourceName, position, "", YamlSyntax.describe(syntax));
    }
  }

  private static SourcePositions positions(YamlDocument document, String sourceName) throws PipelineFileException {
    try {
      return SourcePositions.of(YAML.getFactory(), document);
    } catch (IOException alreadyParsed) {
      throw new PipelineFileException(sourceName, new SourcePosition(document.firstLine(), 1), "",
          "YAML syntax error: " + firstLine(alreadyParsed.getMessage()));
    }
  }

  private static String checkHeader(JsonNode tree, SourcePositions positions, String sourceName)
      throws PipelineFileException {
    JsonNode apiVersion = tree.path("apiVersion");
    if (!apiVersion.isTextual() || !apiVersion.asText().equals(API_VERSION)) {
      throw new PipelineFileException(sourceName, positions.ofValue(JsonPointer.compile("/apiVersion")), "apiVersion",
          (apiVersion.isMissingNode() ? "missing" : "'" + apiVersion.asText() + "' is not supported")
              + ": use apiVersion: " + API_VERSION);
    }
    JsonNode kind = tree.path("kind");
    if (kind.isMissingNode()) {
      throw new PipelineFileException(sourceName, positions.ofValue(JsonPointer.empty()), "kind",
          "missing: use kind: ChainPipeline or kind: Disk");
    }
    if (!kind.asText().equals("ChainPipeline") && !kind.asText().equals("Disk")) {
      throw new PipelineFileException(sourceName, positions.ofValue(JsonPointer.compile("/kind")), "kind",
          "'" + kind.asText() + "' cannot be in a pipeline file: it holds one ChainPipeline and any number of Disks"
              + Suggestions.didYouMean(kind.asText(), List.of("ChainPipeline", "Disk")));
    }
    JsonNode name = tree.path("metadata").path("name");
    if (!name.isTextual() || name.asText().isBlank()) {
      throw new PipelineFileException(sourceName, positions.ofKey(JsonPointer.compile("/metadata/name")),
          "metadata.name", "missing: every " + kind.asText() + " needs a name, e.g. metadata: {name: wordcount}");
    }
    return kind.asText();
  }

  private static <T extends HasMetadata> T bind(JsonNode tree, Class<T> type, SourcePositions positions,
      String sourceName) throws PipelineFileException {
    try {
      return YAML.treeToValue(tree, type);
    } catch (JsonMappingException wrong) {
      throw MappingErrors.translate(sourceName, positions, wrong, tree);
    } catch (JsonProcessingException wrong) {
      throw new PipelineFileException(sourceName, positions.ofValue(JsonPointer.empty()), "",
          firstLine(wrong.getOriginalMessage()));
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
