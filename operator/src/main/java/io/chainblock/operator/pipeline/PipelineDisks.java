package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipeline;
import java.util.LinkedHashSet;
import java.util.Set;

/** The Disks a pipeline names: those its source blocks read and its output. */
final class PipelineDisks {
  private PipelineDisks() {}

  static Set<String> of(ChainPipeline pipeline) {
    Set<String> names = new LinkedHashSet<>();
    if (pipeline.getSpec() == null) {
      return names;
    }
    for (BlockSpec block : pipeline.getSpec().blocks) {
      if (block.source != null && block.source.disk != null) {
        names.add(block.source.disk);
      }
    }
    if (pipeline.getSpec().output != null && pipeline.getSpec().output.disk != null) {
      names.add(pipeline.getSpec().output.disk);
    }
    return names;
  }
}
