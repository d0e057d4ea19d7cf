package io.chainblock.engine.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files under a root directory. An object is written to a hidden temporary file and
 * renamed into place on close, so readers never see half an object, as with S3.
 */
public final class LocalStorage implements Storage {
  private static final String TEMP_PREFIX = ".tmp-";
  private final Path root;

  public LocalStorage(Path root) throws IOException {
    this.root = Files.createDirectories(root.toAbsolutePath().normalize());
  }

  public Path root() {
    return root;
  }

  @Override
  public StorageOutput create(String path) throws IOException {
    Path target = resolve(path);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
    return new StorageOutput() {
      private long written;
      private boolean closed;

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        written++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        out.close();
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }

      @Override
      public void abort() throws IOException {
        if (!closed) {
          closed = true;
          out.close();
        }
        Files.deleteIfExists(temp);
      }

      @Override
      public long written() {
        return written;
      }
    };
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(resolve(path));
  }

  @Override
  public InputStream open(String path, long offset, long length) throws IOException {
    FileChannel channel = FileChannel.open(resolve(path), StandardOpenOption.READ);
    channel.position(offset);
    return new BoundedInputStream(Channels.newInputStream(channel), length);
  }

  @Override
  public List<StoredObject> list(String prefix) throws IOException {
    String normalized = prefix.startsWith("/") ? prefix.substring(1) : prefix;
    int slash = normalized.lastIndexOf('/');
    Path start = slash < 0 ? root : resolve(normalized.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<StoredObject> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(TEMP_PREFIX))
          .forEach(f -> {
            String name = root.relativize(f).toString().replace('\\', '/');
            if (name.startsWith(normalized)) {
              try {
                found.add(new StoredObject(name, Files.size(f)));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    found.sort(Comparator.comparing(StoredObject::path));
    return found;
  }

  @Override
  public boolean exists(String path) {
    return Files.isRegularFile(resolve(path));
  }

  @Override
  public void delete(String path) throws IOException {
    Files.deleteIfExists(resolve(path));
  }

  @Override
  public void deletePrefix(String prefix) throws IOException {
    // A prefix ending in '/' is a whole directory: removing the tree also drops empty folders.
    if (prefix.endsWith("/") && prefix.length() > 1) {
      Path dir = resolve(prefix.substring(0, prefix.length() - 1));
      if (Files.isDirectory(dir)) {
        deleteTree(dir);
      }
      return;
    }
    for (StoredObject object : list(prefix)) {
      delete(object.path());
    }
  }

  @Override
  public String describe(String path) {
    return resolve(path).toString();
  }

  private Path resolve(String path) {
    Path resolved = root.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException("object path escapes the storage root: " + path);
    }
    return resolved;
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
