package io.chainblock.bench;

import io.chainblock.engine.format.Codec;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Partitioner;
import io.chainblock.engine.sort.ShuffleWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Pushes GiBs of records through one ShuffleWriter to check that it stays within a small heap:
 * run it with e.g. {@code -Xmx256m} and a 64 MiB budget. Arguments: GiB to write, budget in MiB,
 * spill directory. Outputs are counted and dropped.
 */
public final class ShuffleSoak {
  private ShuffleSoak() {}

  public static void main(String[] args) throws IOException {
    long target = (long) (Double.parseDouble(args[0]) * (1L << 30));
    long budget = Long.parseLong(args[1]) << 20;
    Path spillDir = Files.createDirectories(Path.of(args[2]));
    int destinations = 8;
    SplittableRandom random = new SplittableRandom(1);
    byte[] filler = "the quick brown fox jumps over the lazy dog; "
        .repeat(4).getBytes(StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    long[] written = new long[1];
    try (ShuffleWriter writer = new ShuffleWriter(new ShuffleWriter.Config(destinations,
        d -> KeyOrder.NUMERIC, budget, spillDir, Codec.DEFAULT, 64, null, null))) {
      long bytes = 0;
      while (bytes < target) {
        byte[] key = String.format("%016x", random.nextLong()).getBytes(StandardCharsets.US_ASCII);
        byte[] subkey = Integer.toString(random.nextInt(1000)).getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[40 + random.nextInt(100)];
        System.arraycopy(filler, random.nextInt(40), value, 0, value.length);
        writer.add(Partitioner.partition(key, destinations), key, subkey, value);
        bytes += key.length + subkey.length + value.length;
      }
      writer.finish(d -> new OutputStream() {
        @Override
        public void write(int b) {
          written[0]++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          written[0] += len;
        }
      });
      ShuffleWriter.Stats stats = writer.stats();
      Runtime rt = Runtime.getRuntime();
      System.out.printf("%.2f GiB of fields, %d records in, %d spills (%d MiB spilled), %d MiB"
              + " written, %.0f s, max heap %d MiB%n",
          bytes / (double) (1L << 30), stats.recordsIn(), stats.spills(),
          stats.spilledBytes() >> 20, written[0] >> 20, (System.nanoTime() - start) / 1e9,
          rt.maxMemory() >> 20);
    }
  }
}
