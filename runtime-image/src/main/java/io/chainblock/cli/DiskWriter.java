package io.chainblock.cli;

import io.chainblock.engine.source.Chunk;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StorageUris;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores chunks as a Disk, for {@code disk put} and {@code disk import}: creates the bucket if
 * needed, refuses to replace a Disk unless told to, uploads the chunks in parallel with a progress
 * line, and writes the manifest last, so that a Disk with a manifest is always complete.
 */
final class DiskWriter {
  private final String command;
  private final String name;
  private final String uri;
  private final Map<String, String> env;
  private final ChunkingOptions options;
  private final PrintWriter out;
  private final PrintWriter err;

  /** @param command the subcommand, for messages: put or import */
  DiskWriter(String command, String name, String uri, Map<String, String> env, ChunkingOptions options,
      PrintWriter out, PrintWriter err) {
    this.command = command;
    this.name = name;
    this.uri = uri;
    this.env = env;
    this.options = options;
    this.out = out;
    this.err = err;
  }

  int write(List<Chunk> chunks) throws IOException, InterruptedException {
    try (Storage storage = StorageUris.open(uri, env)) {
      if (storage instanceof S3Storage s3) {
        s3.createBucketIfMissing();
      }
      if (storage.exists(DiskManifest.NAME)) {
        if (!options.overwrite) {
          err.println("chainblock disk " + command + ": Disk " + name + " already has data at " + uri
              + ": pass --overwrite to replace it");
          return ExitCodes.INPUT_ERROR;
        }
        storage.deletePrefix("");
      }
      long start = System.nanoTime();
      List<DiskManifest.Entry> entries = upload(storage, chunks);
      long bytes = entries.stream().mapToLong(DiskManifest.Entry::bytes).sum();
      new DiskManifest(name, options.format, options.chunkBytes(), bytes, entries).write(storage, "");
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "disk %s: %d chunks, %d bytes at %s (%.1f MB/s)%n", name, entries.size(), bytes, uri,
          bytes / 1e6 / Math.max(seconds, 1e-3));
      return ExitCodes.OK;
    }
  }

  private List<DiskManifest.Entry> upload(Storage storage, List<Chunk> chunks) throws IOException, InterruptedException {
    long total = chunks.stream().mapToLong(Chunk::length).sum();
    AtomicLong done = new AtomicLong();
    AtomicInteger finished = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads));
    try {
      List<Future<DiskManifest.Entry>> uploads = new ArrayList<>();
      for (Chunk chunk : chunks) {
        uploads.add(pool.submit(() -> {
          DiskManifest.Entry entry = store(storage, chunk);
          long sent = done.addAndGet(chunk.length());
          int count = finished.incrementAndGet();
          synchronized (err) {
            err.printf(Locale.ROOT, "\r%s %s: %d/%d chunks, %d/%d MiB", command, name, count, chunks.size(),
                sent >> 20, total >> 20);
            err.flush();
          }
          return entry;
        }));
      }
      List<DiskManifest.Entry> entries = new ArrayList<>();
      for (Future<DiskManifest.Entry> upload : uploads) {
        entries.add(result(upload));
      }
      err.println();
      return entries;
    } finally {
      pool.shutdownNow();
    }
  }

  private static DiskManifest.Entry store(Storage storage, Chunk chunk) throws IOException {
    String object = String.format(Locale.ROOT, "chunk-%06d", chunk.index());
    StorageOutput target = storage.create(object);
    try (InputStream in = chunk.open()) {
      in.transferTo(target);
      target.close();
    } catch (IOException | RuntimeException e) {
      target.abort();
      throw e;
    }
    return new DiskManifest.Entry(object, chunk.offset(), chunk.length());
  }

  private static DiskManifest.Entry result(Future<DiskManifest.Entry> upload) throws IOException, InterruptedException {
    try {
      return upload.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
