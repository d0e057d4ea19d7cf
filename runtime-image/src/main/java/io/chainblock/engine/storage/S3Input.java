package io.chainblock.engine.storage;

import io.minio.GetObjectResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * One streamed GET of an object, or of a byte range of it, that survives a dropped connection:
 * when reading fails midway it asks again from the byte it got to, for the same version of the
 * object (by ETag), within the storage's retry budget.
 */
final class S3Input extends InputStream {
  private final S3Client client;
  private final String key;
  private final long start;
  /** Bytes wanted from {@code start}, or negative for the rest of the object. */
  private final long length;
  private final String etag;
  private GetObjectResponse body;
  private long position;
  private boolean closed;

  /** Starts the GET now, so that a missing object fails here rather than at the first read. */
  S3Input(S3Client client, String key, long start, long length) throws IOException {
    this.client = client;
    this.key = key;
    this.start = start;
    this.length = length;
    this.body = client.get(key, start, length, null);
    this.etag = body.headers().get("ETag");
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("read from " + client.errors().describe(key) + " after close");
    }
    if (len == 0) {
      return 0;
    }
    try {
      int n = body.read(b, off, len);
      if (n > 0) {
        position += n;
      }
      return n;
    } catch (IOException e) {
      if (!client.errors().isTransient(e)) {
        throw e;
      }
      resume(e);
      return read(b, off, len);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = body.skip(n);
    position += skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return closed ? 0 : body.available();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      body.close();
    }
  }

  private void resume(IOException failure) throws IOException {
    try {
      body.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
    try {
      body = client.get(key, start + position, length < 0 ? -1 : length - position, etag);
    } catch (IOException e) {
      e.addSuppressed(failure);
      throw e;
    }
  }
}
