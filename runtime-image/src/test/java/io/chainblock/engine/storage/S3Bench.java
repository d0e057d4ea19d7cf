package io.chainblock.engine.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;

/**
 * Throughput of the local MinIO: the raw SDK (PUT, GET) against {@link S3Storage} (create, open),
 * on the same objects, one object at a time. Reads are timed twice: draining the bytes, and
 * checksumming them (a consumer that costs CPU, as a decompressing merge does), the latter also
 * through a read-ahead thread to see whether one pays.
 *
 * <p>Run with the CHAINBLOCK_S3_* variables of {@code e2e/scripts/minio.sh env}; arguments:
 * total MiB (default 1024) and object MiB (default 64).
 */
public final class S3Bench {
  private static final String BUCKET = "bench";

  public static void main(String[] args) throws Exception {
    long totalMib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int objectMib = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int objects = (int) (totalMib / objectMib);
    byte[] data = new byte[objectMib << 20];
    new Random(42).nextBytes(data);

    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent(S3Config.BUCKET, BUCKET);
    S3Config config = S3Config.fromEnvironment(env);
    MinioClient raw = MinioClient.builder()
        .endpoint(config.endpoint())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .build();
    if (!raw.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())) {
      raw.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build());
    }
    System.out.printf("%d objects of %d MiB at %s%n", objects, objectMib, config.endpoint());

    long bytes = (long) objects * data.length;
    time("raw SDK PUT", bytes, () -> {
      for (int i = 0; i < objects; i++) {
        raw.putObject(PutObjectArgs.builder().bucket(config.bucket()).object("raw/" + i)
            .stream(new ByteArrayInputStream(data), data.length, -1).build());
      }
    });
    time("raw SDK GET", bytes, () -> {
      for (int i = 0; i < objects; i++) {
        try (InputStream in = raw.getObject(GetObjectArgs.builder().bucket(config.bucket()).object("raw/" + i).build())) {
          drain(in);
        }
      }
    });

    try (S3Storage storage = new S3Storage(config.at(new S3Location(config.bucket(), "storage/")))) {
      time("S3Storage create", bytes, () -> {
        for (int i = 0; i < objects; i++) {
          try (StorageOutput out = storage.create(Integer.toString(i))) {
            for (int off = 0; off < data.length; off += 1 << 20) {
              out.write(data, off, 1 << 20);
            }
          }
        }
      });
      time("S3Storage open", bytes, () -> {
        for (int i = 0; i < objects; i++) {
          try (InputStream in = storage.open(Integer.toString(i))) {
            drain(in);
          }
        }
      });
      time("S3Storage open + CRC32", bytes, () -> {
        for (int i = 0; i < objects; i++) {
          try (InputStream in = storage.open(Integer.toString(i))) {
            checksum(in);
          }
        }
      });
      time("S3Storage open + read-ahead thread + CRC32", bytes, () -> {
        for (int i = 0; i < objects; i++) {
          try (InputStream in = new ReadAhead(storage.open(Integer.toString(i)))) {
            checksum(in);
          }
        }
      });
      storage.deletePrefix("");
    }
    for (int i = 0; i < objects; i++) {
      raw.removeObject(io.minio.RemoveObjectArgs.builder().bucket(config.bucket()).object("raw/" + i).build());
    }
    // the raw SDK client can leave non-daemon threads behind; a benchmark run by a script must end
    System.exit(0);
  }

  private interface Timed {
    void run() throws Exception;
  }

  private static void time(String what, long bytes, Timed timed) throws Exception {
    long start = System.nanoTime();
    timed.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%-45s %8.1f MB/s  (%.2f s)%n", what, bytes / 1e6 / seconds, seconds);
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    while (in.read(buffer) >= 0) {
      // only the transfer is timed
    }
  }

  private static long checksum(InputStream in) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      for (int rounds = 0; rounds < 4; rounds++) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }

  /** Reads 1 MiB chunks ahead on a thread of its own, up to 8 of them. */
  private static final class ReadAhead extends InputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
    private final Thread reader;
    private volatile IOException failure;
    private byte[] current = new byte[0];
    private int pos;

    ReadAhead(InputStream source) {
      reader = Thread.ofPlatform().daemon().start(() -> {
        try (source) {
          while (true) {
            byte[] chunk = source.readNBytes(1 << 20);
            if (chunk.length == 0) {
              break;
            }
            chunks.put(chunk);
          }
        } catch (IOException e) {
          failure = e;
        } catch (InterruptedException e) {
          return;
        }
        try {
          chunks.put(END);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos == current.length) {
        if (current == END) {
          return -1;
        }
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        pos = 0;
        if (current == END) {
          if (failure != null) {
            throw failure;
          }
          return -1;
        }
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      reader.interrupt();
    }
  }
}
