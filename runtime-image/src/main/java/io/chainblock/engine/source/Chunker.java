package io.chainblock.engine.source;

import io.chainblock.engine.UserCodeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts source files, taken one after another, into a Disk's chunks. Chunks never span files, so
 * each file's last chunk may be short; a text chunk ends after a newline unless it ends its file.
 * Only the bytes around each cut are read, so this costs one small read per chunk wherever the
 * files are.
 */
public final class Chunker {
  private static final int SCAN_WINDOW = 64 * 1024;

  private Chunker() {}

  public static List<Chunk> chunks(List<? extends SourceFile> files, DiskFormat format, long chunkSize)
      throws IOException {
    List<Chunk> chunks = new ArrayList<>();
    long diskOffset = 0;
    for (SourceFile file : files) {
      long size = file.size();
      long pos = 0;
      while (pos < size) {
        long end = Math.min(pos + chunkSize, size);
        if (format == DiskFormat.TEXT && end < size) {
          end = afterLastNewline(file, pos, end, chunkSize);
        }
        long fileOffset = pos;
        long length = end - pos;
        chunks.add(new Chunk(chunks.size(), diskOffset + pos, length, file.location() + "@" + fileOffset,
            () -> file.open(fileOffset, length)));
        pos = end;
      }
      diskOffset += size;
    }
    return chunks;
  }

  /** The offset just past the last '\n' in [start, end), reading backwards a window at a time. */
  private static long afterLastNewline(SourceFile file, long start, long end, long chunkSize) throws IOException {
    long hi = end;
    while (hi > start) {
      long lo = Math.max(start, hi - SCAN_WINDOW);
      byte[] window;
      try (InputStream in = file.open(lo, hi - lo)) {
        window = in.readNBytes((int) (hi - lo));
      }
      for (int i = window.length - 1; i >= 0; i--) {
        if (window[i] == '\n') {
          return lo + i + 1;
        }
      }
      hi = lo;
    }
    throw new UserCodeException(file.location() + ": the line starting at byte " + start + " is longer than the"
        + " Disk's chunkSize (" + chunkSize + " bytes): raise spec.chunkSize of the Disk");
  }
}
