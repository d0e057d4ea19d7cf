package io.chainblock.engine.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What makes a set of objects a Disk: its chunks in order with their offsets and sizes, written
 * as {@code _manifest.json} beside them after every chunk. {@code chainblock disk put} writes one,
 * and so does every pipeline for its output (its parts are the chunks), so the output of one
 * pipeline is the input of the next.
 */
public record DiskManifest(String disk, String format, long chunkSize, long bytes, List<Entry> chunks) {
  public static final String NAME = "_manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One chunk: an object named relative to the disk's prefix. */
  public record Entry(String name, long offset, long bytes) {}

  /** A manifest for chunks already stored under a prefix: every object not starting with '_' or '.'. */
  public static DiskManifest of(Storage storage, String prefix, String disk, DiskFormat format) throws IOException {
    List<Entry> entries = new ArrayList<>();
    long offset = 0;
    long largest = 0;
    for (StoredObject object : storage.list(prefix)) {
      String name = object.path().substring(prefix.length());
      if (name.startsWith("_") || name.startsWith(".") || name.contains("/")) {
        continue;
      }
      entries.add(new Entry(name, offset, object.size()));
      offset += object.size();
      largest = Math.max(largest, object.size());
    }
    return new DiskManifest(disk, format.name().toLowerCase(Locale.ROOT), largest, offset, List.copyOf(entries));
  }

  public void write(Storage storage, String prefix) throws IOException {
    StorageOutput out = storage.create(prefix + NAME);
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(out, this);
    } catch (IOException e) {
      out.abort();
      throw e;
    }
  }

  public static DiskManifest read(Storage storage, String prefix, String disk) throws IOException {
    try (InputStream in = storage.open(prefix + NAME)) {
      return JSON.readValue(in, DiskManifest.class);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(storage.describe(prefix + NAME), null,
          "Disk '" + disk + "' has no manifest: fill it with `chainblock disk put " + disk + " FILES...`"
              + " or with a pipeline whose output is this Disk");
    }
  }

  public DiskFormat diskFormat() {
    return "binary".equals(format) ? DiskFormat.BINARY : DiskFormat.TEXT;
  }

  /** The chunks as the engine reads them, each opened from {@code storage}. */
  public List<Chunk> chunks(Storage storage, String prefix) {
    List<Chunk> list = new ArrayList<>();
    for (Entry entry : chunks) {
      String path = prefix + entry.name();
      list.add(new Chunk(list.size(), entry.offset(), entry.bytes(), storage.describe(path), () -> storage.open(path)));
    }
    return list;
  }
}
