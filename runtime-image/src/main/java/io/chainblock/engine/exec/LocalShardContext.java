package io.chainblock.engine.exec;

import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.plan.BlockPlan;
import java.nio.file.Path;
import java.util.Map;

/** The ShardContext of a shard run by {@link ShardRunner}. */
final class LocalShardContext implements ShardContext {
  private final String pipeline;
  private final BlockPlan block;
  private final int shard;
  private final Map<String, String> args;
  private final Path scratch;
  private Emitter emitter;

  LocalShardContext(String pipeline, BlockPlan block, int shard, Map<String, String> args, Path scratch) {
    this.pipeline = pipeline;
    this.block = block;
    this.shard = shard;
    this.args = args;
    this.scratch = scratch;
  }

  void emitter(Emitter emitter) {
    this.emitter = emitter;
  }

  @Override
  public String pipeline() {
    return pipeline;
  }

  @Override
  public String block() {
    return block.name();
  }

  @Override
  public int shard() {
    return shard;
  }

  @Override
  public int shards() {
    return block.shards();
  }

  @Override
  public Map<String, String> args() {
    return args;
  }

  @Override
  public boolean isSource() {
    return block.isSource();
  }

  @Override
  public Emitter emitter() {
    return emitter;
  }

  @Override
  public Path scratchDir() {
    return scratch;
  }
}
