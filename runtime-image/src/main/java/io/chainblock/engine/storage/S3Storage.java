package io.chainblock.engine.storage;

import io.minio.messages.Item;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Objects in an S3 bucket (MinIO, or any S3 store) under a key prefix: path {@code p} is the
 * object {@code s3://bucket/prefix + p}. Writes are streamed multipart uploads, reads streamed
 * GETs, and every call retries transient failures within {@link S3Tuning#retryBudget()}.
 */
public final class S3Storage implements Storage {
  private static final int READ_BUFFER = 1 << 20;

  private final S3Config config;
  private final S3Tuning tuning;
  private final S3Client client;
  private final ExecutorService uploads;
  private final Semaphore partsInFlight;

  public S3Storage(S3Config config) {
    this(config, S3Tuning.defaults());
  }

  public S3Storage(S3Config config, S3Tuning tuning) {
    this.config = config;
    this.tuning = tuning;
    this.client = new S3Client(config, tuning);
    this.uploads = Executors.newFixedThreadPool(tuning.uploadThreads(), daemonThreads());
    // Twice the threads keeps each thread a part queued behind the one it sends.
    this.partsInFlight = new Semaphore(2 * tuning.uploadThreads());
  }

  public S3Config config() {
    return config;
  }

  public S3Tuning tuning() {
    return tuning;
  }

  /**
   * Fails with a message naming the fix unless the endpoint answers, the credentials are good and
   * the bucket exists: the check to make before starting work that would otherwise fail midway.
   */
  public void checkAccess() throws IOException {
    if (!bucketExists()) {
      throw new IOException(client.errors().missingBucket());
    }
  }

  /** Whether the bucket exists; fails with a message naming the fix when the endpoint or the credentials are wrong. */
  public boolean bucketExists() throws IOException {
    return client.bucketExists();
  }

  /** @return whether the bucket had to be created */
  public boolean createBucketIfMissing() throws IOException {
    if (client.bucketExists()) {
      return false;
    }
    client.makeBucket();
    return true;
  }

  @Override
  public StorageOutput create(String path) throws IOException {
    return new S3Output(client, key(path), tuning.partSize(), uploads, partsInFlight);
  }

  @Override
  public InputStream open(String path) throws IOException {
    return new BufferedInputStream(new S3Input(client, key(path), 0, -1), READ_BUFFER);
  }

  @Override
  public InputStream open(String path, long offset, long length) throws IOException {
    if (length == 0) {
      // S3 has no empty byte range to ask for.
      return InputStream.nullInputStream();
    }
    return new BufferedInputStream(new S3Input(client, key(path), offset, length), READ_BUFFER);
  }

  @Override
  public List<StoredObject> list(String prefix) throws IOException {
    List<StoredObject> found = new ArrayList<>();
    for (Item item : client.list(config.prefix() + strip(prefix))) {
      found.add(new StoredObject(item.objectName().substring(config.prefix().length()), item.size()));
    }
    // The server sorts by UTF-8 bytes; the Storage contract (and LocalStorage) by String order.
    found.sort(Comparator.comparing(StoredObject::path));
    return found;
  }

  @Override
  public boolean exists(String path) throws IOException {
    return client.exists(key(path));
  }

  @Override
  public void delete(String path) throws IOException {
    client.remove(key(path));
  }

  @Override
  public void deletePrefix(String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    for (Item item : client.list(config.prefix() + strip(prefix))) {
      keys.add(item.objectName());
    }
    client.removeAll(keys);
  }

  @Override
  public String describe(String path) {
    return client.errors().describe(config.prefix() + strip(path));
  }

  @Override
  public void close() {
    uploads.shutdown();
    try {
      uploads.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }

  private String key(String path) {
    String stripped = strip(path);
    if (stripped.isEmpty() || stripped.endsWith("/")) {
      throw new IllegalArgumentException("not an object path: '" + path + "'");
    }
    return config.prefix() + stripped;
  }

  private static String strip(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "chainblock-s3-upload-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
