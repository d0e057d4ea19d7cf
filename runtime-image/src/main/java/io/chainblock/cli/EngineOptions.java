package io.chainblock.cli;

import io.chainblock.engine.exec.ShardRunner;
import io.chainblock.engine.format.Codec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How shards sort, compress and merge: the same knobs for `run` and for `shard`. */
final class EngineOptions {
  @Option(names = "--memory", paramLabel = "SIZE", description = "Sort buffer of one shard, e.g. 64Mi. Default: half the JVM heap, shared by the shards running at once.")
  String memory;

  @Option(names = "--codec", paramLabel = "CODEC", description = "Compression of intermediate files: none, deflate, lz4 or zstd (default: lz4, the measured best).")
  String codec;

  @Option(names = "--fan-in", paramLabel = "N", description = "Most sorted files merged in one pass; more are merged in several passes (default ${DEFAULT-VALUE}).")
  int fanIn = 64;

  /** @param defaultBudget the sort buffer when --memory is not given */
  ShardRunner.Settings settings(long defaultBudget, Path scratch) {
    long budget = memory != null ? new Quantity(memory).getNumericalAmount().longValue() : defaultBudget;
    return new ShardRunner.Settings(budget, codec == null ? Codec.DEFAULT : Codec.parse(codec), fanIn, scratch);
  }
}
