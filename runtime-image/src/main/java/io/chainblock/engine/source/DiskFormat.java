package io.chainblock.engine.source;

import io.chainblock.api.v1alpha1.DiskSpec;

/** How a source block turns a chunk into records. */
public enum DiskFormat {
  /** One record per line, without its newline; chunks end on a line boundary. */
  TEXT,
  /** One record per chunk: the chunk's bytes. */
  BINARY;

  public static DiskFormat of(DiskSpec.Format format) {
    return format == DiskSpec.Format.BINARY ? BINARY : TEXT;
  }
}
