package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The blocks of a valid pipeline in an order where every block comes after the blocks it reads. */
public final class TopologicalOrder {
  private TopologicalOrder() {}

  /**
   * Blocks whose inputs come first; among blocks that could go next, the one earlier in
   * {@code spec.blocks} does, so the order is the same on every run.
   *
   * @throws IllegalArgumentException when the blocks form a cycle; validate the pipeline first
   */
  public static List<BlockSpec> of(ChainPipeline pipeline) {
    List<BlockSpec> blocks = pipeline.getSpec().blocks;
    Map<String, Integer> indexByName = new HashMap<>();
    for (int i = 0; i < blocks.size(); i++) {
      indexByName.putIfAbsent(blocks.get(i).name, i);
    }
    int[] waitingFor = new int[blocks.size()];
    List<List<Integer>> consumers = new ArrayList<>();
    blocks.forEach(block -> consumers.add(new ArrayList<>()));
    for (int i = 0; i < blocks.size(); i++) {
      for (Inputs.Input input : Inputs.of(blocks.get(i))) {
        Integer upstream = indexByName.get(input.block());
        if (upstream != null) {
          waitingFor[i]++;
          consumers.get(upstream).add(i);
        }
      }
    }
    TreeSet<Integer> ready = new TreeSet<>();
    for (int i = 0; i < blocks.size(); i++) {
      if (waitingFor[i] == 0) {
        ready.add(i);
      }
    }
    List<BlockSpec> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      int next = ready.pollFirst();
      order.add(blocks.get(next));
      for (int consumer : consumers.get(next)) {
        if (--waitingFor[consumer] == 0) {
          ready.add(consumer);
        }
      }
    }
    if (order.size() < blocks.size()) {
      throw new IllegalArgumentException("the blocks of pipeline '" + pipeline.getMetadata().getName()
          + "' form a cycle; validate it with PipelineValidator first");
    }
    return order;
  }
}
