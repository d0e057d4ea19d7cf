package io.chainblock.engine.storage;

import java.io.IOException;
import java.io.OutputStream;

/** The stream of an object being written: {@link #close()} publishes it, {@link #abort()} drops it. */
public abstract class StorageOutput extends OutputStream {
  /** Drops what was written; the object never becomes visible. Safe after close. */
  public abstract void abort() throws IOException;

  /** Bytes written so far. */
  public abstract long written();
}
