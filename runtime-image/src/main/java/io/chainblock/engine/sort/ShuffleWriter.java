package io.chainblock.engine.sort;

import io.chainblock.engine.format.Codec;
import io.chainblock.engine.format.RecordCursor;
import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.format.RunWriter;
import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.record.KeyOrder;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The map side of a shard: buffers emitted records within a memory budget, spills sorted runs to
 * local disk when the budget is reached, and at the end writes one sorted run per destination
 * shard, merging the spills if there were any.
 *
 * <p>With a {@link FoldingCombiner} the buffer is a hash table of accumulators instead of a list
 * of records; with a {@link GroupCombiner} each key group is combined as it is spilled and again
 * as the spills are merged.
 */
public final class ShuffleWriter implements Closeable {
  private static final int MIN_PAGE_SIZE = 4 * 1024;
  private static final int MAX_PAGE_SIZE = 1024 * 1024;

  /**
   * @param destinations the number of destination shards, numbered from 0
   * @param orderOf the subkey order of the block reading each destination
   * @param memoryBudgetBytes how much the buffer may hold before it spills
   * @param spillDir a local directory for spills and temporary merge runs
   * @param mergeFanIn the most runs merged at once
   * @param foldingCombiner null, or the combiner to fold values with (then groupCombiner is null)
   * @param groupCombiner null, or the combiner of key groups (then foldingCombiner is null)
   */
  public record Config(int destinations, IntFunction<KeyOrder> orderOf, long memoryBudgetBytes,
      Path spillDir, Codec codec, int mergeFanIn, FoldingCombiner foldingCombiner,
      GroupCombiner groupCombiner) {
    public Config {
      if (destinations < 1) {
        throw new IllegalArgumentException("destinations must be at least 1, not " + destinations);
      }
      if (memoryBudgetBytes < 1) {
        throw new IllegalArgumentException("memory budget must be positive, not "
            + memoryBudgetBytes);
      }
      if (mergeFanIn < 2) {
        throw new IllegalArgumentException("merge fan-in must be at least 2, not " + mergeFanIn);
      }
      if (foldingCombiner != null && groupCombiner != null) {
        throw new IllegalArgumentException("use a folding combiner or a group combiner, not both");
      }
      Objects.requireNonNull(orderOf, "orderOf");
      Objects.requireNonNull(spillDir, "spillDir");
      Objects.requireNonNull(codec, "codec");
    }
  }

  /**
   * @param recordsIn records given to {@link #add}
   * @param recordsOut records written to the destinations, after combining
   * @param spills runs spilled to local disk
   * @param spilledBytes bytes of those runs, compressed
   * @param bytesWritten bytes written to all destinations, compressed
   * @param bytesWrittenPerDestination bytes written to each destination, compressed
   */
  public record Stats(long recordsIn, long recordsOut, int spills, long spilledBytes,
      long bytesWritten, long[] bytesWrittenPerDestination) {}

  private final Config config;
  private final KeyOrder[] orders;
  private final long[] recordsPerDestination;
  private final List<SpillFile> spills = new ArrayList<>();
  private final RunWriter[] outputs;
  private MapSideBuffer buffer;
  private long recordsIn;
  private int spillCount;
  private long spilledBytes;
  private boolean finished;

  public ShuffleWriter(Config config) {
    this.config = config;
    this.orders = new KeyOrder[config.destinations()];
    for (int d = 0; d < orders.length; d++) {
      orders[d] = config.orderOf().apply(d);
    }
    this.recordsPerDestination = new long[config.destinations()];
    this.outputs = new RunWriter[config.destinations()];
    int pageSize = (int) Math.max(MIN_PAGE_SIZE,
        Math.min(MAX_PAGE_SIZE, config.memoryBudgetBytes() / 64));
    this.buffer = config.foldingCombiner() != null
        ? new CombiningTable(config.foldingCombiner())
        : new SortBuffer(pageSize, orders);
  }

  public void add(int destination, byte[] key, byte[] subkey, byte[] value) throws IOException {
    if (finished) {
      throw new IllegalStateException("add() after finish()");
    }
    Objects.checkIndex(destination, orders.length);
    if (!buffer.isEmpty()
        && buffer.memoryAfterAdding(key, subkey, value) > config.memoryBudgetBytes()) {
      spill();
    }
    buffer.add(destination, key, subkey, value);
    recordsIn++;
    recordsPerDestination[destination]++;
  }

  /**
   * Writes one sorted run per destination that received records, each through
   * {@code new RunWriter(outputFor.apply(destination), codec)}; destinations in increasing order.
   */
  public void finish(IntFunction<OutputStream> outputFor) throws IOException {
    if (finished) {
      throw new IllegalStateException("finish() called twice");
    }
    finished = true;
    try {
      if (spills.isEmpty()) {
        writeFromMemory(outputFor);
      } else {
        if (!buffer.isEmpty()) {
          spill();
        }
        buffer = null;
        for (int d = 0; d < orders.length; d++) {
          if (recordsPerDestination[d] > 0) {
            mergeSpills(d, outputFor);
          }
        }
      }
    } finally {
      buffer = null;
      deleteSpills();
    }
  }

  public Stats stats() {
    long[] perDestination = new long[outputs.length];
    long recordsOut = 0;
    for (int d = 0; d < outputs.length; d++) {
      if (outputs[d] != null) {
        perDestination[d] = outputs[d].bytesWritten();
        recordsOut += outputs[d].records();
      }
    }
    return new Stats(recordsIn, recordsOut, spillCount, spilledBytes,
        Arrays.stream(perDestination).sum(), perDestination);
  }

  /** Deletes the spill files; safe to call after {@link #finish} and after a failure. */
  @Override
  public void close() throws IOException {
    finished = true;
    buffer = null;
    deleteSpills();
  }

  private void spill() throws IOException {
    Path path = Files.createTempFile(config.spillDir(), "spill-", ".run");
    try (SpillFile.Writer writer = new SpillFile.Writer(path, orders.length, config.codec(),
        this::combineForSpill)) {
      buffer.writeSorted(writer);
      SpillFile spill = writer.finish();
      spills.add(spill);
      spilledBytes += spill.bytes();
    }
    spillCount++;
    buffer.clear();
  }

  private RecordSink combineForSpill(int destination, RecordSink section) {
    return config.groupCombiner() != null
        ? new GroupCombiningSink(config.groupCombiner(), orders[destination], section)
        : section;
  }

  private void writeFromMemory(IntFunction<OutputStream> outputFor) throws IOException {
    try (SectionedSink out = new SectionedSink(d -> openOutput(d, outputFor))) {
      buffer.writeSorted(out);
    }
  }

  private void mergeSpills(int destination, IntFunction<OutputStream> outputFor)
      throws IOException {
    List<SortedMerge.RunSource> sections = new ArrayList<>();
    for (SpillFile spill : spills) {
      if (spill.hasSection(destination)) {
        sections.add(spill.section(destination));
      }
    }
    try (RecordCursor merged = SortedMerge.merge(sections, orders[destination],
            config.mergeFanIn(), config.spillDir(), config.codec());
        RecordSink out = openOutput(destination, outputFor)) {
      while (merged.next()) {
        out.write(merged.key(), merged.subkey(), merged.value());
      }
    }
  }

  /** The destination's run writer, behind the combiner that merges what the spills combined. */
  private RecordSink openOutput(int destination, IntFunction<OutputStream> outputFor)
      throws IOException {
    RunWriter writer = new RunWriter(outputFor.apply(destination), config.codec());
    outputs[destination] = writer;
    if (config.foldingCombiner() != null) {
      return new RefoldingSink(config.foldingCombiner(), writer);
    }
    if (config.groupCombiner() != null) {
      return new GroupCombiningSink(config.groupCombiner(), orders[destination], writer);
    }
    return writer;
  }

  private void deleteSpills() throws IOException {
    IOException failure = null;
    for (SpillFile spill : spills) {
      try {
        spill.delete();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    spills.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
