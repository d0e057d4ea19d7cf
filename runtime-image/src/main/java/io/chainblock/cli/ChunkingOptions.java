package io.chainblock.cli;

import io.chainblock.engine.source.DiskFormat;
import io.fabric8.kubernetes.api.model.Quantity;
import picocli.CommandLine.Option;

/** How {@code disk put} and {@code disk import} cut and upload a Disk. */
final class ChunkingOptions {
  @Option(names = "--format", paramLabel = "FORMAT", description = "text or binary (default ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(names = "--chunk-size", paramLabel = "SIZE", description = "Largest chunk (default ${DEFAULT-VALUE}).")
  String chunkSize = "64Mi";

  @Option(names = "--threads", paramLabel = "N", description = "Chunks uploaded at once (default ${DEFAULT-VALUE}).")
  int threads = 4;

  @Option(names = "--overwrite", description = "Replace the Disk if it already has data.")
  boolean overwrite;

  /** @return null when the options are good, else what to fix */
  String problem() {
    if (!format.equals("text") && !format.equals("binary")) {
      return "--format must be text or binary, not " + format;
    }
    try {
      if (chunkBytes() <= 0) {
        return "--chunk-size must be a positive size such as 64Mi, not " + chunkSize;
      }
    } catch (IllegalArgumentException e) {
      return "--chunk-size must be a size such as 64Mi or 900k, not " + chunkSize;
    }
    return null;
  }

  DiskFormat diskFormat() {
    return format.equals("binary") ? DiskFormat.BINARY : DiskFormat.TEXT;
  }

  long chunkBytes() {
    return new Quantity(chunkSize).getNumericalAmount().longValue();
  }
}
