package io.chainblock.engine.source;

import io.chainblock.engine.storage.BoundedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Disk made of local files (the local runner's {@code --disk NAME=PATH}): a file, or the files
 * of a directory in name order, skipping names that start with '.' or '_' (markers such as a
 * pipeline output's {@code _manifest.json}), cut into chunks by {@link Chunker}.
 */
public final class LocalDisk {
  private LocalDisk() {}

  public static List<Path> files(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file or directory");
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
          .sorted()
          .toList();
    }
  }

  public static List<Chunk> chunks(Path path, DiskFormat format, long chunkSize) throws IOException {
    return chunks(files(path), format, chunkSize);
  }

  /** The chunks of {@code files} taken one after another, in the order given. */
  public static List<Chunk> chunks(List<Path> files, DiskFormat format, long chunkSize) throws IOException {
    List<SourceFile> sources = new ArrayList<>();
    for (Path file : files) {
      sources.add(new LocalFile(file, Files.size(file)));
    }
    return Chunker.chunks(sources, format, chunkSize);
  }

  private record LocalFile(Path file, long size) implements SourceFile {
    @Override
    public String location() {
      return file.toString();
    }

    @Override
    public InputStream open(long offset, long length) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    }
  }
}
