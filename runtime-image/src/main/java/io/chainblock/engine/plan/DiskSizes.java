package io.chainblock.engine.plan;

import com.fasterxml.jackson.core.JsonPointer;
import io.chainblock.api.v1alpha1.Disk;

/** Checks a Disk's chunk size while the file positions are at hand to report it. */
final class DiskSizes {
  private DiskSizes() {}

  static void check(Disk disk, SourcePositions positions, String sourceName) throws PipelineFileException {
    try {
      Disks.chunkSizeBytes(disk);
    } catch (IllegalArgumentException | ArithmeticException wrong) {
      throw new PipelineFileException(sourceName, positions.ofValue(JsonPointer.compile("/spec/chunkSize")),
          "spec.chunkSize", wrong.getMessage());
    }
  }
}
