package io.chainblock.engine.sort;

import io.chainblock.engine.format.RecordSink;
import java.io.Closeable;
import java.io.IOException;

/** Sends records sorted by destination to one sink per destination, opened as it is reached. */
final class SectionedSink implements DestinationSink, Closeable {
  interface Opener {
    RecordSink open(int destination) throws IOException;
  }

  private final Opener opener;
  private int destination = -1;
  private RecordSink section;

  SectionedSink(Opener opener) {
    this.opener = opener;
  }

  @Override
  public void write(int destination, byte[] key, byte[] subkey, byte[] value) throws IOException {
    if (destination != this.destination) {
      close();
      this.destination = destination;
      section = opener.open(destination);
    }
    section.write(key, subkey, value);
  }

  @Override
  public void close() throws IOException {
    if (section != null) {
      RecordSink closing = section;
      section = null;
      closing.close();
    }
  }
}
