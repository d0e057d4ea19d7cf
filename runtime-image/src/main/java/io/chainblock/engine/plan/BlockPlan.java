package io.chainblock.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.FunctionSpec;
import io.chainblock.api.v1alpha1.SortSpec.SubkeyOrder;
import java.util.List;

/** One block of a {@link RunPlan}, with its defaults filled in. */
public record BlockPlan(
    String name,
    int shards,
    int parallelism,
    FunctionSpec function,
    FunctionSpec combine,
    SubkeyOrder subkeyOrder,
    String sourceDisk,
    List<Input> inputs) {

  /** One entry of {@code inputs}: a block and one of its streams ("" for the default stream). */
  public record Input(String block, String stream) {}

  static BlockPlan of(BlockSpec spec) {
    int shards = spec.shards == null ? 1 : spec.shards;
    int parallelism = spec.parallelism == null ? shards : Math.min(spec.parallelism, shards);
    List<Input> inputs = spec.inputs == null ? List.of() : spec.inputs.stream()
        .map(Inputs::parse)
        .map(ref -> new Input(ref.block(), ref.stream()))
        .toList();
    return new BlockPlan(spec.name, shards, parallelism, spec.function, spec.combine,
        spec.sort == null || spec.sort.subkey == null ? SubkeyOrder.LEXICOGRAPHIC : spec.sort.subkey,
        spec.source == null ? null : spec.source.disk, inputs);
  }

  @JsonIgnore
  public boolean isSource() {
    return sourceDisk != null;
  }

  /** The distinct blocks this block reads, in the order of {@code inputs}. */
  public List<String> producers() {
    return inputs.stream().map(Input::block).distinct().toList();
  }
}
