package io.chainblock.engine.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * One chunk of a Disk: {@code length} bytes starting at byte {@code offset} of the disk (the
 * disk being its files, or objects, one after another in name order).
 */
public record Chunk(int index, long offset, long length, String location, Opener opener) {
  @FunctionalInterface
  public interface Opener {
    /** The chunk's bytes, exactly {@code length} of them. */
    InputStream open() throws IOException;
  }

  public InputStream open() throws IOException {
    return opener.open();
  }
}
