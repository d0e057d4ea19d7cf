package io.chainblock.cli;

import io.chainblock.engine.source.Chunk;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.source.LocalDisk;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StorageUris;
import io.chainblock.engine.UserCodeException;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "put",
    description = {"Cuts files into chunks and uploads them as a Disk, then writes its manifest.",
        "Text chunks end on a line boundary; binary chunks are exact --chunk-size blocks. Files are taken in the"
            + " order given (a directory: its files in name order)."},
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class DiskPutCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The Disk's name.")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files or directories to put on the Disk.")
  List<Path> files;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or binary (default ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(names = "--chunk-size", paramLabel = "SIZE", description = "Largest chunk (default ${DEFAULT-VALUE}).")
  String chunkSize = "64Mi";

  @Option(names = "--threads", paramLabel = "N", description = "Chunks uploaded at once (default ${DEFAULT-VALUE}).")
  int threads = 4;

  @Option(names = "--overwrite", description = "Replace the Disk if it already has data.")
  boolean overwrite;

  @Mixin
  DiskLocationOptions location;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("text") && !format.equals("binary")) {
      err.println("chainblock disk put: --format must be text or binary, not " + format);
      return ExitCodes.USAGE;
    }
    DiskFormat diskFormat = format.equals("binary") ? DiskFormat.BINARY : DiskFormat.TEXT;
    long chunkBytes = new Quantity(chunkSize).getNumericalAmount().longValue();
    List<Path> inputs = new ArrayList<>();
    for (Path file : files) {
      if (!Files.exists(file)) {
        err.println("chainblock disk put: " + file + ": no such file or directory");
        return ExitCodes.INPUT_ERROR;
      }
      inputs.addAll(LocalDisk.files(file));
    }
    List<Chunk> chunks;
    try {
      chunks = LocalDisk.chunks(inputs, diskFormat, chunkBytes);
    } catch (UserCodeException e) {
      err.println("chainblock disk put: " + e.getMessage().replace("raise spec.chunkSize of the Disk", "raise --chunk-size"));
      return ExitCodes.INPUT_ERROR;
    }
    String uri = location.uri(name);
    try (Storage storage = StorageUris.open(uri, location.env())) {
      if (storage instanceof S3Storage s3) {
        s3.createBucketIfMissing();
      }
      if (storage.exists(DiskManifest.NAME)) {
        if (!overwrite) {
          err.println("chainblock disk put: Disk " + name + " already has data at " + uri
              + ": pass --overwrite to replace it");
          return ExitCodes.INPUT_ERROR;
        }
        storage.deletePrefix("");
      }
      long start = System.nanoTime();
      List<DiskManifest.Entry> entries = upload(storage, chunks, err);
      long bytes = entries.stream().mapToLong(DiskManifest.Entry::bytes).sum();
      new DiskManifest(name, format, chunkBytes, bytes, entries).write(storage, "");
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "disk %s: %d chunks, %d bytes at %s (%.1f MB/s)%n", name, entries.size(), bytes, uri,
          bytes / 1e6 / Math.max(seconds, 1e-3));
      return ExitCodes.OK;
    }
  }

  private List<DiskManifest.Entry> upload(Storage storage, List<Chunk> chunks, PrintWriter err) throws Exception {
    long total = chunks.stream().mapToLong(Chunk::length).sum();
    AtomicLong done = new AtomicLong();
    AtomicInteger finished = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<DiskManifest.Entry>> uploads = new ArrayList<>();
      for (Chunk chunk : chunks) {
        uploads.add(pool.submit(() -> {
          String object = String.format(Locale.ROOT, "chunk-%06d", chunk.index());
          StorageOutput target = storage.create(object);
          try (InputStream in = chunk.open()) {
            in.transferTo(target);
            target.close();
          } catch (Exception e) {
            target.abort();
            throw e;
          }
          long sent = done.addAndGet(chunk.length());
          int count = finished.incrementAndGet();
          synchronized (err) {
            err.printf(Locale.ROOT, "\rput %s: %d/%d chunks, %d/%d MiB", name, count, chunks.size(), sent >> 20,
                total >> 20);
            err.flush();
          }
          return new DiskManifest.Entry(object, chunk.offset(), chunk.length());
        }));
      }
      List<DiskManifest.Entry> entries = new ArrayList<>();
      for (Future<DiskManifest.Entry> upload : uploads) {
        entries.add(upload.get());
      }
      err.println();
      return entries;
    } finally {
      pool.shutdownNow();
    }
  }
}
