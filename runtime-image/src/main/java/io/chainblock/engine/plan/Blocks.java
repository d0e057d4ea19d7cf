package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.BlockSpec;

/** A block's settings with their defaults applied. */
public final class Blocks {
  public static final int DEFAULT_SHARDS = 1;

  private Blocks() {}

  /** {@code shards}, 1 when absent. */
  public static int shards(BlockSpec block) {
    return block.shards == null ? DEFAULT_SHARDS : block.shards;
  }

  /** {@code parallelism}, all shards when absent. */
  public static int parallelism(BlockSpec block) {
    return block.parallelism == null ? shards(block) : block.parallelism;
  }
}
