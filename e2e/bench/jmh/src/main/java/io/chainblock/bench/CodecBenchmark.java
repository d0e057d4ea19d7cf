package io.chainblock.bench;

import io.chainblock.engine.format.Codec;
import io.chainblock.engine.format.RunReader;
import io.chainblock.engine.format.RunWriter;
import io.chainblock.engine.record.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Writes and reads a whole run per operation. The {@code rawBytes} counter is the serialized
 * (uncompressed) bytes handled per second, i.e. the MB/s of the shuffle; {@code storedBytes}
 * per second divided into it gives the compression ratio.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {
  @State(Scope.Benchmark)
  public static class Run {
    @Param({"WORDCOUNT", "LINES", "BZIP2"})
    public ShuffleData data;

    @Param({"none", "deflate-1", "deflate-6", "lz4", "zstd-1", "zstd-3"})
    public String codec;

    List<Record> records;
    Codec runCodec;
    int level;
    byte[] stored;
    long rawBytes;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
      String[] parts = codec.split("-");
      runCodec = Codec.parse(parts[0]);
      level = parts.length > 1 ? Integer.parseInt(parts[1]) : runCodec.defaultLevel();
      records = data.records(ShuffleData.corpus());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (RunWriter writer = write(out)) {
        rawBytes = writer.rawBytes();
      }
      stored = out.toByteArray();
    }

    RunWriter write(ByteArrayOutputStream out) throws IOException {
      RunWriter writer = new RunWriter(out, runCodec, level);
      for (Record r : records) {
        writer.write(r.key(), r.subkey(), r.value());
      }
      return writer;
    }
  }

  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Bytes {
    public long rawBytes;
    public long storedBytes;

    @Setup(Level.Iteration)
    public void reset() {
      rawBytes = 0;
      storedBytes = 0;
    }
  }

  @Benchmark
  public void write(Run run, Bytes bytes, Blackhole sink) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(run.stored.length + 1024);
    run.write(out).close();
    bytes.rawBytes += run.rawBytes;
    bytes.storedBytes += out.size();
    sink.consume(out);
  }

  @Benchmark
  public void read(Run run, Bytes bytes, Blackhole sink) throws IOException {
    try (RunReader reader = new RunReader(new ByteArrayInputStream(run.stored), "bench")) {
      while (reader.next()) {
        sink.consume(reader.value());
      }
    }
    bytes.rawBytes += run.rawBytes;
    bytes.storedBytes += run.stored.length;
  }
}
