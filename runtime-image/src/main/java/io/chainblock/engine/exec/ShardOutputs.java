package io.chainblock.engine.exec;

import io.chainblock.api.v1alpha1.OutputSpec;
import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.format.RunReader;
import io.chainblock.engine.format.RunWriter;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.plan.BlockPlan;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Partitioner;
import io.chainblock.engine.sort.GroupCombiner;
import io.chainblock.engine.sort.ShuffleWriter;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Everything a shard emits goes through here: records are routed to the reader shards of every
 * block reading the stream (partition(key) mod their shards), sorted and spilled by the
 * {@link ShuffleWriter}, and stored as one object per reader shard; broadcasts are stored as
 * one object per reading block; a terminal block's records become output parts.
 */
final class ShardOutputs implements Emitter, AutoCloseable {
  private final RunPlan plan;
  private final BlockPlan block;
  private final int shard;
  private final int attempt;
  private final Storage storage;
  private final Storage output;
  private final RunLayout layout;
  private final ShardCounters counters;
  private final ShardRunner.Settings settings;
  private final Path scratch;
  private final FoldingCombiner folding;
  private final GroupCombiner grouping;

  private final List<RunPlan.Consumer> consumers;
  private final int[] destBase;
  private final Map<String, int[]> consumersByStream = new HashMap<>();
  private String lastStream;
  private int[] lastReaders;
  private final ShuffleWriter shuffle;
  private final RunWriter[] broadcasts;
  private final StorageOutput[] broadcastObjects;
  private final Map<String, ShuffleWriter> terminalStreams = new LinkedHashMap<>();
  private final List<StorageOutput> created = new ArrayList<>();

  ShardOutputs(RunPlan plan, BlockPlan block, int shard, int attempt, Storage storage, Storage output,
      ShardCounters counters, ShardRunner.Settings settings, Path scratch,
      FoldingCombiner folding, GroupCombiner grouping) throws IOException {
    this.plan = plan;
    this.block = block;
    this.shard = shard;
    this.attempt = attempt;
    this.storage = storage;
    this.output = output;
    this.layout = RunLayout.of(plan);
    this.counters = counters;
    this.settings = settings;
    this.scratch = scratch;
    this.folding = folding;
    this.grouping = grouping;
    this.consumers = plan.consumersOf(block.name());
    this.destBase = new int[consumers.size()];
    int destinations = 0;
    for (int i = 0; i < consumers.size(); i++) {
      destBase[i] = destinations;
      destinations += consumers.get(i).block().shards();
      for (String stream : consumers.get(i).streams()) {
        int[] old = consumersByStream.getOrDefault(stream, new int[0]);
        int[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = i;
        consumersByStream.put(stream, grown);
      }
    }
    this.broadcasts = new RunWriter[consumers.size()];
    this.broadcastObjects = new StorageOutput[consumers.size()];
    if (consumers.isEmpty()) {
      this.shuffle = null;
      terminalWriter(DEFAULT_STREAM);
    } else {
      this.shuffle = newShuffle(destinations, this::orderOfDestination, "shuffle");
    }
  }

  @Override
  public void emit(String stream, byte[] key, byte[] subkey, byte[] value) {
    counters.addRecordOut();
    try {
      if (shuffle == null) {
        terminalWriter(stream).add(0, key, subkey, value);
        return;
      }
      int[] readers = readersOf(stream);
      long hash = Partitioner.hash(key);
      for (int c : readers) {
        int dest = destBase[c] + Partitioner.partition(hash, consumers.get(c).block().shards());
        shuffle.add(dest, key, subkey, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UserCodeException e) {
      // the folding combiner sees values only: say which block and key it was combining
      throw folding == null ? e : new UserCodeException("block " + block.name() + ", combining key '"
          + new String(key, StandardCharsets.UTF_8) + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void broadcast(String stream, byte[] key, byte[] subkey, byte[] value) {
    if (shuffle == null) {
      emit(stream, key, subkey, value);
      return;
    }
    counters.addRecordOut();
    try {
      for (int c : readersOf(stream)) {
        if (broadcasts[c] == null) {
          String path = layout.broadcast(block.name(), consumers.get(c).block().name(), shard, attempt);
          broadcastObjects[c] = track(storage.create(path));
          broadcasts[c] = new RunWriter(broadcastObjects[c], settings.codec());
        }
        broadcasts[c].write(key, subkey, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sorts and stores everything emitted, and returns the manifest entries of what was stored.
   * Only then is the shard's output complete; the caller commits it with the manifest.
   */
  List<ShardManifest.Entry> finish() throws IOException {
    List<ShardManifest.Entry> result = new ArrayList<>();
    for (int c = 0; c < broadcasts.length; c++) {
      if (broadcasts[c] != null) {
        broadcasts[c].close();
        String consumer = consumers.get(c).block().name();
        long bytes = broadcastObjects[c].written();
        counters.addBytesOut(bytes);
        result.add(new ShardManifest.Entry(consumer, ShardManifest.BROADCAST,
            layout.broadcast(block.name(), consumer, shard, attempt), bytes));
      }
    }
    if (shuffle != null) {
      Map<Integer, StorageOutput> outputs = new TreeMap<>();
      shuffle.finish(dest -> {
        try {
          StorageOutput out = track(storage.create(dataPath(dest)));
          outputs.put(dest, out);
          return out;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      counters.addSpills(shuffle.stats().spills());
      for (Map.Entry<Integer, StorageOutput> o : outputs.entrySet()) {
        int dest = o.getKey();
        int c = consumerOfDestination(dest);
        long bytes = o.getValue().written();
        counters.addBytesOut(bytes);
        result.add(new ShardManifest.Entry(consumers.get(c).block().name(), dest - destBase[c], dataPath(dest), bytes));
      }
    }
    for (Map.Entry<String, ShuffleWriter> t : terminalStreams.entrySet()) {
      writeOutputPart(t.getKey(), t.getValue());
    }
    return result;
  }

  private void writeOutputPart(String stream, ShuffleWriter writer) throws IOException {
    Path sorted = scratch.resolve("output-" + terminalStreams.size() + "-" + Math.abs(stream.hashCode()));
    writer.finish(dest -> {
      try {
        return Files.newOutputStream(sorted);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    counters.addSpills(writer.stats().spills());
    OutputSpec.Format format = plan.output() == null ? OutputSpec.Format.TSV : plan.output().format();
    StorageOutput part = track(output.create(partName(stream)));
    try (OutputFormatter formatter = new OutputFormatter(format, part)) {
      if (Files.exists(sorted)) {
        try (InputStream in = Files.newInputStream(sorted);
             RunReader reader = new RunReader(in, sorted.toString())) {
          while (reader.next()) {
            formatter.write(reader.key(), reader.subkey(), reader.value());
          }
        }
      }
    }
    counters.addBytesOut(part.written());
    Files.deleteIfExists(sorted);
  }

  /**
   * part-00000 for the single terminal block's default stream; with several terminal blocks the
   * block name comes first, and a named stream is added after it: count-part-00000,
   * count.rejects-part-00000.
   */
  private String partName(String stream) {
    List<String> prefix = new ArrayList<>();
    if (plan.terminalBlocks().size() > 1) {
      prefix.add(block.name());
    }
    if (!stream.isEmpty()) {
      prefix.add(stream);
    }
    String part = String.format("part-%05d", shard);
    return prefix.isEmpty() ? part : String.join(".", prefix) + "-" + part;
  }

  private int[] readersOf(String stream) {
    // nearly every record goes to the same stream: skip the map lookup when it is the last one
    if (stream == lastStream) {
      return lastReaders;
    }
    int[] readers = consumersByStream.get(stream);
    if (readers == null) {
      String name = stream.isEmpty() ? block.name() : block.name() + "." + stream;
      throw new UserCodeException("block " + block.name() + " emitted a record to "
          + (stream.isEmpty() ? "its default stream" : "stream '" + stream + "'")
          + ", but no block reads '" + name + "': add '" + name + "' to the inputs of a block,"
          + " or stop emitting to it");
    }
    lastStream = stream;
    lastReaders = readers;
    return readers;
  }

  private ShuffleWriter terminalWriter(String stream) throws IOException {
    ShuffleWriter writer = terminalStreams.get(stream);
    if (writer == null) {
      writer = newShuffle(1, d -> KeyOrder.LEXICOGRAPHIC, "output-" + terminalStreams.size());
      terminalStreams.put(stream, writer);
    }
    return writer;
  }

  private ShuffleWriter newShuffle(int destinations, IntFunction<KeyOrder> orderOf, String name)
      throws IOException {
    Path spillDir = Files.createDirectories(scratch.resolve(name));
    return new ShuffleWriter(new ShuffleWriter.Config(destinations, orderOf, settings.memoryBudgetBytes(),
        spillDir, settings.codec(), settings.mergeFanIn(), folding, grouping));
  }

  private String dataPath(int dest) {
    int c = consumerOfDestination(dest);
    return layout.data(block.name(), consumers.get(c).block().name(), dest - destBase[c], shard, attempt);
  }

  private KeyOrder orderOfDestination(int dest) {
    return KeyOrder.of(consumers.get(consumerOfDestination(dest)).block().subkeyOrder());
  }

  private int consumerOfDestination(int dest) {
    int c = consumers.size() - 1;
    while (destBase[c] > dest) {
      c--;
    }
    return c;
  }

  private StorageOutput track(StorageOutput out) {
    created.add(out);
    return out;
  }

  /** Drops every object this attempt started; committed ones are never touched (no manifest yet). */
  void abort() {
    for (StorageOutput out : created) {
      try {
        out.abort();
      } catch (IOException ignored) {
        // best effort: the objects are attempt-scoped and no manifest lists them
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (shuffle != null) {
      shuffle.close();
    }
    for (ShuffleWriter writer : terminalStreams.values()) {
      writer.close();
    }
  }
}
