package io.chainblock.engine.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Object storage as the engine sees it: immutable objects written once, under slash-separated
 * paths. One implementation keeps objects in a local directory, another in S3.
 */
public interface Storage extends AutoCloseable {
  /** An object being written; it becomes visible under its path only when closed. */
  StorageOutput create(String path) throws IOException;

  /** @throws java.nio.file.NoSuchFileException when there is no object at {@code path} */
  InputStream open(String path) throws IOException;

  /**
   * {@code length} bytes of an object from byte {@code offset} on (fewer when the object ends
   * first), fetched without reading what comes before.
   *
   * @throws java.nio.file.NoSuchFileException when there is no object at {@code path}
   */
  InputStream open(String path, long offset, long length) throws IOException;

  /** Objects whose path starts with {@code prefix}, sorted by path. */
  List<StoredObject> list(String prefix) throws IOException;

  boolean exists(String path) throws IOException;

  void delete(String path) throws IOException;

  /** Deletes every object whose path starts with {@code prefix}. */
  void deletePrefix(String prefix) throws IOException;

  /** Where {@code path} lives, for messages: a file path, or {@code s3://bucket/key}. */
  String describe(String path);

  @Override
  default void close() throws IOException {}
}
