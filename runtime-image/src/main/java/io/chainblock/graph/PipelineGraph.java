package io.chainblock.graph;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.FunctionSpec;
import io.chainblock.engine.plan.Blocks;
import io.chainblock.engine.plan.Inputs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The picture of a pipeline, independent of how it is drawn: source Disks, blocks and the output
 * Disk as nodes; data flow as edges, labelled with the stream name when it is not the default.
 * Nodes come in spec order (each source Disk just before its first reader), so every renderer
 * draws the same pipeline the same way.
 */
public record PipelineGraph(String name, List<Node> nodes, List<Edge> edges) {
  private static final int MAX_COMMAND_LENGTH = 28;

  public enum Kind { SOURCE_DISK, BLOCK, OUTPUT_DISK }

  /** A node; {@code details} are the lines under the title, e.g. "4 shards" and "tokenize". */
  public record Node(String id, Kind kind, String title, List<String> details) {}

  /** Data flowing from one node to another; {@code label} is empty for a block's default stream. */
  public record Edge(String from, String to, String label) {}

  /** The graph of a valid pipeline (see {@code PipelineValidator}). */
  public static PipelineGraph of(ChainPipeline pipeline) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    List<Edge> edges = new ArrayList<>();
    Set<String> readBlocks = new HashSet<>();
    List<BlockSpec> blocks = pipeline.getSpec().blocks;
    for (BlockSpec block : blocks) {
      if (block.source != null) {
        String diskId = "disk:" + block.source.disk;
        nodes.putIfAbsent(diskId, new Node(diskId, Kind.SOURCE_DISK, block.source.disk, List.of("Disk")));
        edges.add(new Edge(diskId, blockId(block.name), ""));
      }
      nodes.put(blockId(block.name), new Node(blockId(block.name), Kind.BLOCK, block.name,
          List.of(shards(block), describe(block.function))));
      for (Inputs.Input input : Inputs.of(block)) {
        readBlocks.add(input.block());
        edges.add(new Edge(blockId(input.block()), blockId(block.name), input.stream()));
      }
    }
    if (pipeline.getSpec().output != null) {
      String disk = pipeline.getSpec().output.disk;
      String outputId = "output:" + disk;
      nodes.put(outputId, new Node(outputId, Kind.OUTPUT_DISK, disk, List.of("output Disk")));
      for (BlockSpec block : blocks) {
        if (!readBlocks.contains(block.name)) {
          edges.add(new Edge(blockId(block.name), outputId, ""));
        }
      }
    }
    return new PipelineGraph(pipeline.getMetadata().getName(), List.copyOf(nodes.values()), List.copyOf(edges));
  }

  private static String blockId(String name) {
    return "block:" + name;
  }

  private static String shards(BlockSpec block) {
    int shards = Blocks.shards(block);
    String text = shards == 1 ? "1 shard" : shards + " shards";
    return block.parallelism != null && block.parallelism < shards
        ? text + ", " + block.parallelism + " at a time"
        : text;
  }

  private static String describe(FunctionSpec function) {
    if (function.builtin != null) {
      return function.builtin;
    }
    if (function.className != null) {
      return function.className.substring(function.className.lastIndexOf('.') + 1);
    }
    String command = "$ " + String.join(" ", function.command);
    return command.length() <= MAX_COMMAND_LENGTH ? command : command.substring(0, MAX_COMMAND_LENGTH - 1) + "…";
  }
}
