package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.OutputSpec;
import io.chainblock.engine.source.DiskFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated pipeline resolved for one run: blocks in an order where every block comes after
 * the blocks it reads, each block's consumers, and the Disks it reads. Everything a shard needs
 * to know about the pipeline, in a form that serializes to JSON (the operator mounts it in pods).
 */
public record RunPlan(
    String namespace,
    String pipeline,
    String runId,
    List<BlockPlan> blocks,
    Map<String, DiskPlan> disks,
    OutputPlan output) {

  /** A block's reader and which of the block's streams it reads. */
  public record Consumer(BlockPlan block, Set<String> streams) {}

  public static RunPlan of(ChainPipeline pipeline, Map<String, Disk> disks, String namespace, String runId) {
    List<BlockPlan> blocks = new ArrayList<>();
    for (BlockSpec spec : TopologicalOrder.of(pipeline)) {
      blocks.add(BlockPlan.of(spec));
    }
    Map<String, DiskPlan> diskPlans = new LinkedHashMap<>();
    for (BlockPlan block : blocks) {
      if (block.sourceDisk() != null) {
        Disk disk = disks.get(block.sourceDisk());
        diskPlans.put(block.sourceDisk(), disk == null
            ? new DiskPlan(block.sourceDisk(), DiskFormat.TEXT, Disks.DEFAULT_CHUNK_SIZE)
            : new DiskPlan(block.sourceDisk(), DiskFormat.of(Disks.format(disk)), Disks.chunkSizeBytes(disk)));
      }
    }
    OutputSpec out = pipeline.getSpec().output;
    OutputPlan output = out == null ? null
        : new OutputPlan(out.disk, out.format == null ? OutputSpec.Format.TSV : out.format);
    return new RunPlan(namespace, pipeline.getMetadata().getName(), runId, List.copyOf(blocks),
        diskPlans, output);
  }

  public BlockPlan block(String name) {
    for (BlockPlan block : blocks) {
      if (block.name().equals(name)) {
        return block;
      }
    }
    throw new IllegalArgumentException("pipeline " + pipeline + " has no block '" + name + "'");
  }

  /** The blocks reading {@code producer}, in plan order, each with the streams it reads. */
  public List<Consumer> consumersOf(String producer) {
    List<Consumer> consumers = new ArrayList<>();
    for (BlockPlan block : blocks) {
      Set<String> streams = new LinkedHashSet<>();
      for (BlockPlan.Input input : block.inputs()) {
        if (input.block().equals(producer)) {
          streams.add(input.stream());
        }
      }
      if (!streams.isEmpty()) {
        consumers.add(new Consumer(block, streams));
      }
    }
    return consumers;
  }

  /** A terminal block is read by no other block; it writes the pipeline's output. */
  public boolean isTerminal(String block) {
    return consumersOf(block).isEmpty();
  }

  public List<BlockPlan> terminalBlocks() {
    return blocks.stream().filter(b -> isTerminal(b.name())).toList();
  }
}
