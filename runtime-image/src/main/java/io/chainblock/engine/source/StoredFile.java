package io.chainblock.engine.source;

import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;

/** A stored object as a {@link SourceFile}: each read is a ranged GET. */
public record StoredFile(Storage storage, StoredObject object) implements SourceFile {
  @Override
  public String location() {
    return storage.describe(object.path());
  }

  @Override
  public long size() {
    return object.size();
  }

  @Override
  public InputStream open(long offset, long length) throws IOException {
    return storage.open(object.path(), offset, length);
  }
}
