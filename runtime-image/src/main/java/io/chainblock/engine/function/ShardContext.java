package io.chainblock.engine.function;

import java.nio.file.Path;
import java.util.Map;

/** What a block function knows about the shard it runs in. */
public interface ShardContext {
  String pipeline();

  String block();

  int shard();

  int shards();

  /** The {@code args} of the function spec; empty when none. */
  Map<String, String> args();

  /** True for a block that reads a Disk rather than other blocks. */
  boolean isSource();

  Emitter emitter();

  /** A private scratch directory, deleted when the shard ends. */
  Path scratchDir();
}
