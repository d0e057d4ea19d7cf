package io.chainblock.engine.sort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads one byte range of a file, so each section of a spill file can be read on its own. */
final class FileRangeInputStream extends InputStream {
  private final FileChannel channel;
  private long position;
  private final long end;

  FileRangeInputStream(Path path, long start, long length) throws IOException {
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.position = start;
    this.end = start + length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position >= end) {
      return -1;
    }
    int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
