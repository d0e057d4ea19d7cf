package io.chainblock.engine.source;

import io.chainblock.engine.UserCodeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Disk made of local files (the local runner's {@code --disk NAME=PATH}): a file, or the files
 * of a directory in name order, skipping names that start with '.' or '_' (markers such as a
 * pipeline output's {@code _manifest.json}). Chunks never span files, so each file's last chunk
 * may be short; a text chunk ends after a newline unless it ends its file.
 */
public final class LocalDisk {
  private static final int SCAN_WINDOW = 64 * 1024;

  private LocalDisk() {}

  public static List<Path> files(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file or directory");
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
          .sorted()
          .toList();
    }
  }

  public static List<Chunk> chunks(Path path, DiskFormat format, long chunkSize) throws IOException {
    return chunks(files(path), format, chunkSize);
  }

  /** The chunks of {@code files} taken one after another, in the order given. */
  public static List<Chunk> chunks(List<Path> files, DiskFormat format, long chunkSize) throws IOException {
    List<Chunk> chunks = new ArrayList<>();
    long diskOffset = 0;
    for (Path file : files) {
      long size = Files.size(file);
      long pos = 0;
      while (pos < size) {
        long end = Math.min(pos + chunkSize, size);
        if (format == DiskFormat.TEXT && end < size) {
          end = afterLastNewline(file, pos, end, chunkSize);
        }
        chunks.add(chunk(chunks.size(), file, diskOffset + pos, pos, end - pos));
        pos = end;
      }
      diskOffset += size;
    }
    return chunks;
  }

  private static Chunk chunk(int index, Path file, long diskOffset, long fileOffset, long length) {
    return new Chunk(index, diskOffset, length, file + "@" + fileOffset, () -> {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(fileOffset);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    });
  }

  /** The offset just past the last '\n' in [start, end), scanning backwards a window at a time. */
  private static long afterLastNewline(Path file, long start, long end, long chunkSize) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer window = ByteBuffer.allocate(SCAN_WINDOW);
      long hi = end;
      while (hi > start) {
        long lo = Math.max(start, hi - SCAN_WINDOW);
        window.clear().limit((int) (hi - lo));
        while (window.hasRemaining() && channel.read(window, lo + window.position()) >= 0) {
          // positional reads may return short counts
        }
        for (int i = (int) (hi - lo) - 1; i >= 0; i--) {
          if (window.get(i) == '\n') {
            return lo + i + 1;
          }
        }
        hi = lo;
      }
    }
    throw new UserCodeException(file + ": the line starting at byte " + start + " is longer than the"
        + " Disk's chunkSize (" + chunkSize + " bytes): raise spec.chunkSize of the Disk");
  }

  /** Reads at most {@code remaining} bytes from a stream, then reports the end. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
