package io.chainblock.engine.format;

import java.io.Closeable;
import java.io.IOException;

/** Takes records in the order they are to be stored. */
public interface RecordSink extends Closeable {
  void write(byte[] key, byte[] subkey, byte[] value) throws IOException;
}
