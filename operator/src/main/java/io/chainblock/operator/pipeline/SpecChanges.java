package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipelineSpec;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Compares the spec a run started with to the current one. Only {@code parallelism} may change
 * during a run; any other change names the first field that differs.
 */
public final class SpecChanges {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecChanges() {}

  /** The first field, other than a block's parallelism, whose value differs: e.g. {@code spec.blocks[1].function}. */
  public static Optional<String> refusedField(ChainPipelineSpec started, ChainPipelineSpec current) {
    return firstDifference(withoutParallelism(started), withoutParallelism(current), "spec");
  }

  /**
   * Shards at once the current spec asks of a block: its parallelism (all shards when absent), at
   * most its shards; empty when the block is gone from the spec or the value is below 1.
   */
  public static OptionalInt parallelism(ChainPipelineSpec current, String block, int shards) {
    for (BlockSpec spec : current.blocks) {
      if (block.equals(spec.name)) {
        if (spec.parallelism == null) {
          return OptionalInt.of(shards);
        }
        return spec.parallelism < 1 ? OptionalInt.empty() : OptionalInt.of(Math.min(spec.parallelism, shards));
      }
    }
    return OptionalInt.empty();
  }

  /** A parallelism below 1 in the current spec, which the running Job cannot take. */
  public static Optional<String> unusableParallelism(ChainPipelineSpec current) {
    for (int i = 0; i < current.blocks.size(); i++) {
      Integer parallelism = current.blocks.get(i).parallelism;
      if (parallelism != null && parallelism < 1) {
        return Optional.of("spec.blocks[" + i + "].parallelism is " + parallelism + ": at least 1 shard must run"
            + " at a time, so the block's Job keeps its parallelism; leave it out to run all shards at once");
      }
    }
    return Optional.empty();
  }

  private static JsonNode withoutParallelism(ChainPipelineSpec spec) {
    JsonNode tree = JSON.valueToTree(spec);
    for (JsonNode block : tree.path("blocks")) {
      ((ObjectNode) block).remove("parallelism");
    }
    return tree;
  }

  private static Optional<String> firstDifference(JsonNode a, JsonNode b, String path) {
    if (a.equals(b)) {
      return Optional.empty();
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        Optional<String> found = firstDifference(a.path(name), b.path(name), path + "." + name);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      Iterator<JsonNode> left = a.elements();
      Iterator<JsonNode> right = b.elements();
      for (int i = 0; left.hasNext(); i++) {
        Optional<String> found = firstDifference(left.next(), right.next(), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.of(path);
  }
}
