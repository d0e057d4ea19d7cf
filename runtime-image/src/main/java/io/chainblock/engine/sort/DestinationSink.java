package io.chainblock.engine.sort;

import java.io.IOException;

/** Takes records sorted by destination first, then by key and subkey. */
interface DestinationSink {
  void write(int destination, byte[] key, byte[] subkey, byte[] value) throws IOException;
}
