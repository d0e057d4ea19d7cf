package io.chainblock.engine.sort;

import io.chainblock.engine.format.Codec;
import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.format.RunReader;
import io.chainblock.engine.format.RunWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One spill: a single file holding one complete run per destination that had records, back to
 * back. One file per spill rather than one per destination and spill, because a block may have
 * hundreds of destination shards and a shard dozens of spills: sections keep that to dozens of
 * files, each written sequentially, while a merge still reads just the section it needs.
 */
final class SpillFile {
  private final Path path;
  private final long[] starts;
  private final long[] lengths;

  private SpillFile(Path path, long[] starts, long[] lengths) {
    this.path = path;
    this.starts = starts;
    this.lengths = lengths;
  }

  boolean hasSection(int destination) {
    return lengths[destination] > 0;
  }

  SortedMerge.RunSource section(int destination) {
    return () -> new RunReader(
        new FileRangeInputStream(path, starts[destination], lengths[destination]),
        path + " (section for destination " + destination + ")");
  }

  long bytes() {
    return Arrays.stream(lengths).sum();
  }

  void delete() throws IOException {
    Files.deleteIfExists(path);
  }

  /** Wraps a section's run writer, e.g. to combine records on their way in. */
  interface SectionDecorator {
    RecordSink decorate(int destination, RecordSink section);
  }

  /** Writes sections in increasing destination order; records arrive sorted by destination. */
  static final class Writer implements DestinationSink, Closeable {
    private final Path path;
    private final Codec codec;
    private final SectionDecorator decorator;
    private final CountingOutputStream out;
    private final long[] starts;
    private final long[] lengths;
    private int destination = -1;
    private RecordSink section;
    private boolean finished;

    Writer(Path path, int destinations, Codec codec, SectionDecorator decorator)
        throws IOException {
      this.path = path;
      this.codec = codec;
      this.decorator = decorator;
      this.out = new CountingOutputStream(
          new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024));
      this.starts = new long[destinations];
      this.lengths = new long[destinations];
    }

    @Override
    public void write(int destination, byte[] key, byte[] subkey, byte[] value)
        throws IOException {
      if (destination != this.destination) {
        closeSection();
        this.destination = destination;
        starts[destination] = out.count();
        section = decorator.decorate(destination, new RunWriter(out.unclosable(), codec));
      }
      section.write(key, subkey, value);
    }

    SpillFile finish() throws IOException {
      closeSection();
      finished = true;
      out.close();
      return new SpillFile(path, starts, lengths);
    }

    /** Without {@link #finish()}, the spill failed: its partial file is removed. */
    @Override
    public void close() throws IOException {
      if (!finished) {
        try (out; RecordSink unfinished = section) {
          Files.deleteIfExists(path);
        }
      }
    }

    private void closeSection() throws IOException {
      if (section != null) {
        section.close();
        lengths[destination] = out.count() - starts[destination];
        section = null;
      }
    }
  }

  /** Counts what reaches the file, so each section knows where it starts and ends. */
  private static final class CountingOutputStream extends OutputStream {
    private final OutputStream out;
    private long count;

    CountingOutputStream(OutputStream out) {
      this.out = out;
    }

    long count() {
      return count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    /** A view whose close() leaves the file open for the next section. */
    OutputStream unclosable() {
      CountingOutputStream file = this;
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          file.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          file.write(b, off, len);
        }

        @Override
        public void close() {}
      };
    }
  }
}
