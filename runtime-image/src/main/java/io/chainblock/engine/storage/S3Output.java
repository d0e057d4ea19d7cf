package io.chainblock.engine.storage;

import io.minio.messages.Part;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * An object being written to S3 as a multipart upload: bytes fill a part buffer, a full part is
 * handed to the shared upload threads while writing goes on into a fresh one, and close() completes
 * the upload. An object smaller than one part never starts an upload and goes as one PUT.
 *
 * <p>Memory: this writer's one buffer, plus the parts in flight, which the storage bounds for all
 * its writers together ({@code partsInFlight}); a writer that gets ahead of the network waits.
 * The first buffer starts small and doubles up to a part as it fills: most objects (manifests,
 * small parts) are far smaller than a part, and a part-sized array for each of them made the
 * operator, which writes a manifest for every pipeline that succeeds, collect garbage all along.
 */
final class S3Output extends StorageOutput {
  private static final int FIRST_BUFFER = 64 << 10;

  private final S3Client client;
  private final String key;
  private final int partSize;
  private final ExecutorService uploads;
  private final Semaphore partsInFlight;
  private final List<Future<Part>> parts = new ArrayList<>();

  private byte[] buffer;
  private int filled;
  private long written;
  private String uploadId;
  private boolean finished;

  S3Output(S3Client client, String key, int partSize, ExecutorService uploads, Semaphore partsInFlight) {
    this.client = client;
    this.key = key;
    this.partSize = partSize;
    this.uploads = uploads;
    this.partsInFlight = partsInFlight;
    this.buffer = new byte[Math.min(partSize, FIRST_BUFFER)];
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (filled == buffer.length) {
      makeRoom();
    }
    buffer[filled++] = (byte) b;
    written++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      if (filled == buffer.length) {
        makeRoom();
      }
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
      written += n;
    }
  }

  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      if (uploadId == null) {
        client.put(key, buffer, filled);
      } else {
        if (filled > 0) {
          shipPart();
        }
        client.completeUpload(key, uploadId, awaitParts());
      }
    } catch (IOException | RuntimeException e) {
      dropUpload(e);
      throw e;
    } finally {
      buffer = null;
    }
  }

  @Override
  public void abort() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    buffer = null;
    dropUpload(null);
  }

  @Override
  public long written() {
    return written;
  }

  private void makeRoom() throws IOException {
    if (buffer.length < partSize) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, 2L * buffer.length));
    } else {
      shipPart();
    }
  }

  private void shipPart() throws IOException {
    failFast();
    if (uploadId == null) {
      uploadId = client.createUpload(key);
    }
    try {
      partsInFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to upload " + client.errors().describe(key));
    }
    byte[] data = buffer;
    int length = filled;
    int number = parts.size() + 1;
    String id = uploadId;
    try {
      parts.add(uploads.submit(() -> {
        try {
          return client.uploadPart(key, id, number, data, length);
        } finally {
          partsInFlight.release();
        }
      }));
    } catch (RuntimeException e) {
      partsInFlight.release();
      throw e;
    }
    // The last part, shipped by close(), needs no buffer after it.
    buffer = finished ? null : new byte[partSize];
    filled = 0;
  }

  /** A part that already failed fails the writer now rather than after the rest is written. */
  private void failFast() throws IOException {
    for (Future<Part> part : parts) {
      if (part.isDone()) {
        result(part);
      }
    }
  }

  private Part[] awaitParts() throws IOException {
    List<Part> done = new ArrayList<>();
    for (Future<Part> part : parts) {
      done.add(result(part));
    }
    done.sort(Comparator.comparingInt(Part::partNumber));
    return done.toArray(Part[]::new);
  }

  private static Part result(Future<Part> part) throws IOException {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a part upload");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("part upload failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Waits out the parts still uploading (a part landing after the abort would fail anyway), then
   * aborts the upload so that the server drops the parts it holds.
   */
  private void dropUpload(Exception cause) throws IOException {
    if (uploadId == null) {
      return;
    }
    for (Future<Part> part : parts) {
      try {
        part.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        // Its failure is the cause being handled, or moot now that the object is dropped.
      }
    }
    try {
      client.abortUpload(key, uploadId);
    } catch (IOException e) {
      if (cause == null) {
        throw e;
      }
      cause.addSuppressed(e);
    }
  }

  private void ensureOpen() throws IOException {
    if (finished) {
      throw new IOException("write to " + client.errors().describe(key) + " after close or abort");
    }
  }
}
