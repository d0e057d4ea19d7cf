package io.chainblock.engine.source;

import java.io.IOException;
import java.io.InputStream;

/** Bytes a Disk is cut from, readable from any offset: a local file or a stored object. */
public interface SourceFile {
  /** Where the bytes are, for messages and chunk locations. */
  String location();

  long size();

  /** {@code length} bytes from {@code offset} on. */
  InputStream open(long offset, long length) throws IOException;
}
