package io.chainblock.engine.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Opens the storage a URI names: a local directory ({@code file:} URI or plain path). */
public final class StorageUris {
  private StorageUris() {}

  public static boolean isLocal(String uri) {
    return !uri.startsWith("s3://");
  }

  public static Path localPath(String uri) {
    return uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
  }

  public static Storage open(String uri) throws IOException {
    if (isLocal(uri)) {
      return new LocalStorage(localPath(uri));
    }
    throw new IOException("unsupported storage URI " + uri + ": use a local path or s3://BUCKET/PREFIX/");
  }
}
