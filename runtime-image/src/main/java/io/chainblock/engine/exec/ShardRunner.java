package io.chainblock.engine.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.engine.FileTrees;
import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.format.Codec;
import io.chainblock.engine.format.RecordCursor;
import io.chainblock.engine.format.RunReader;
import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.builtin.Builtins;
import io.chainblock.engine.function.FoldingCombiner;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.streaming.StreamingCommand;
import io.chainblock.engine.plan.BlockPlan;
import io.chainblock.engine.plan.DiskPlan;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.engine.record.KeyOrder;
import io.chainblock.engine.record.Record;
import io.chainblock.engine.sort.KeyGroups;
import io.chainblock.engine.sort.SortedMerge;
import io.chainblock.engine.source.Chunk;
import io.chainblock.engine.source.ChunkRecords;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one shard of one block, the same way in a local thread and in a pod: read the inputs
 * (Disk chunks, or every committed writer's sorted object for this shard merged by key), run
 * the function once per key, store the outputs, and commit them with a manifest written last.
 */
public final class ShardRunner {
  /** Engine knobs that do not change what a pipeline computes, only how. */
  public record Settings(long memoryBudgetBytes, Codec codec, int mergeFanIn, Path scratchRoot) {}

  /** Lists the chunks of a Disk. */
  @FunctionalInterface
  public interface DiskChunks {
    List<Chunk> chunks(String disk) throws IOException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunPlan plan;
  private final RunLayout layout;
  private final Storage storage;
  private final Storage output;
  private final DiskChunks disks;
  private final Settings settings;

  /**
   * @param storage where intermediate objects live
   * @param output where the terminal blocks' parts go (the output Disk)
   */
  public ShardRunner(RunPlan plan, Storage storage, Storage output, DiskChunks disks, Settings settings) {
    this.plan = plan;
    this.layout = RunLayout.of(plan);
    this.storage = storage;
    this.output = output;
    this.disks = disks;
    this.settings = settings;
  }

  public RunPlan plan() {
    return plan;
  }

  /**
   * Runs the shard and commits its output.
   *
   * @throws UserCodeException when the block's function, command or input is wrong (a retry
   *     would fail the same way); any other exception may be worth a retry
   */
  public ShardManifest run(String blockName, int shard, int attempt, ShardCounters counters) throws Exception {
    BlockPlan block = plan.block(blockName);
    removeUncommittedAttempts(block.name(), shard, attempt);
    Files.createDirectories(settings.scratchRoot());
    Path scratch = Files.createTempDirectory(settings.scratchRoot(), block.name() + "-" + shard + "-" + attempt + "-");
    BlockFunction function = Functions.create(block.function(), block.name());
    BlockFunctionCombiner groupCombiner = null;
    ShardOutputs outputs = null;
    boolean committed = false;
    try {
      FoldingCombiner folding = foldingCombiner(block);
      LocalShardContext context = new LocalShardContext(plan.pipeline(), block, shard, argsOf(block), scratch);
      if (block.combine() != null && folding == null) {
        groupCombiner = new BlockFunctionCombiner(Functions.create(block.combine(), block.name()),
            block.combine().args == null ? Map.of() : block.combine().args, context);
      }
      outputs = new ShardOutputs(plan, block, shard, attempt, storage, output, counters, settings, scratch,
          folding, groupCombiner);
      context.emitter(outputs);
      call(block, () -> function.open(context));
      if (block.isSource()) {
        readSource(block, shard, function, counters);
      } else {
        readInputs(block, shard, function, counters, scratch);
      }
      call(block, function::close);
      List<ShardManifest.Entry> entries = outputs.finish();
      counters.finish();
      ShardManifest manifest = new ShardManifest(block.name(), shard, attempt, entries, counters.snapshot());
      commit(manifest);
      committed = true;
      return manifest;
    } finally {
      if (!committed) {
        function.abort();
        if (outputs != null) {
          outputs.abort();
        }
      }
      if (groupCombiner != null) {
        groupCombiner.close();
      }
      if (outputs != null) {
        outputs.close();
      }
      FileTrees.delete(scratch);
    }
  }

  private void readSource(BlockPlan block, int shard, BlockFunction function, ShardCounters counters) throws Exception {
    DiskPlan disk = plan.disks().get(block.sourceDisk());
    List<Chunk> chunks = disks.chunks(disk.name());
    for (int i = shard; i < chunks.size(); i += block.shards()) {
      long bytes = ChunkRecords.read(chunks.get(i), disk.format(), (key, value) -> {
        counters.addRecordIn();
        try {
          KeyHandler handler = function.startKey(key);
          handler.record(new Record(key, Record.EMPTY, value));
          handler.finish();
        } catch (Exception e) {
          throw userOrEngine(block, e);
        }
      });
      counters.addBytesIn(bytes);
    }
  }

  private void readInputs(BlockPlan block, int shard, BlockFunction function, ShardCounters counters, Path scratch)
      throws Exception {
    List<ShardManifest.Entry> data = new ArrayList<>();
    List<ShardManifest.Entry> broadcasts = new ArrayList<>();
    for (String producer : block.producers()) {
      for (ShardManifest manifest : committedManifests(producer)) {
        for (ShardManifest.Entry entry : manifest.objects()) {
          if (!entry.consumer().equals(block.name())) {
            continue;
          }
          if (entry.dest() == ShardManifest.BROADCAST) {
            broadcasts.add(entry);
          } else if (entry.dest() == shard) {
            data.add(entry);
          }
        }
      }
    }
    for (ShardManifest.Entry entry : broadcasts) {
      try (RunReader reader = open(entry, counters)) {
        while (reader.next()) {
          counters.addRecordIn();
          try {
            function.broadcast(new Record(reader.key(), reader.subkey(), reader.value()));
          } catch (Exception e) {
            throw userOrEngine(block, e);
          }
        }
      }
    }
    List<SortedMerge.RunSource> runs = new ArrayList<>();
    for (ShardManifest.Entry entry : data) {
      runs.add(() -> open(entry, counters));
    }
    KeyOrder order = KeyOrder.of(block.subkeyOrder());
    try (RecordCursor merged = SortedMerge.merge(runs, order, settings.mergeFanIn(), scratch, settings.codec())) {
      KeyGroups groups = new KeyGroups(merged);
      while (groups.nextKey()) {
        byte[] key = groups.key();
        try {
          KeyHandler handler = function.startKey(key);
          while (groups.nextRecord()) {
            counters.addRecordIn();
            handler.record(groups.record());
          }
          handler.finish();
        } catch (Exception e) {
          throw userOrEngine(block, e);
        }
      }
    }
  }

  private RunReader open(ShardManifest.Entry entry, ShardCounters counters) throws IOException {
    counters.addBytesIn(entry.bytes());
    InputStream in = storage.open(entry.path());
    return new RunReader(in, storage.describe(entry.path()));
  }

  /**
   * The manifest of every writer shard of {@code producer}, in shard order. When a shard
   * committed more than one attempt (it was retried after its commit), the lowest attempt wins,
   * so every reader picks the same one.
   */
  List<ShardManifest> committedManifests(String producer) throws IOException {
    int shards = plan.block(producer).shards();
    Map<Integer, String> chosen = new TreeMap<>();
    Map<Integer, Integer> attemptOf = new HashMap<>();
    for (StoredObject object : storage.list(layout.manifests(producer))) {
      int[] wa = RunLayout.writerAndAttempt(object.path());
      if (wa == null || wa[0] >= shards) {
        continue;
      }
      Integer seen = attemptOf.get(wa[0]);
      if (seen == null || wa[1] < seen) {
        attemptOf.put(wa[0], wa[1]);
        chosen.put(wa[0], object.path());
      }
    }
    List<ShardManifest> manifests = new ArrayList<>();
    for (int writer = 0; writer < shards; writer++) {
      String path = chosen.get(writer);
      if (path == null) {
        throw new IOException("block " + producer + " shard " + writer + " has not committed its output"
            + " (no manifest under " + storage.describe(layout.manifests(producer)) + ")");
      }
      try (InputStream in = storage.open(path)) {
        manifests.add(JSON.readValue(in, ShardManifest.class));
      }
    }
    return manifests;
  }

  /**
   * Deletes what earlier attempts of this shard stored without committing it. An attempt only
   * starts after the one before it has ended, so nothing still writes these objects; a committed
   * attempt's objects stay, since readers may pick it.
   */
  private void removeUncommittedAttempts(String block, int shard, int attempt) throws IOException {
    if (attempt == 0) {
      return;
    }
    Set<Integer> committed = new HashSet<>();
    for (StoredObject manifest : storage.list(layout.manifests(block))) {
      int[] wa = RunLayout.writerAndAttempt(manifest.path());
      if (wa != null && wa[0] == shard) {
        committed.add(wa[1]);
      }
    }
    for (StoredObject object : storage.list(layout.block(block))) {
      int[] wa = RunLayout.writerAndAttemptOfData(object.path());
      if (wa != null && wa[0] == shard && wa[1] < attempt && !committed.contains(wa[1])) {
        storage.delete(object.path());
      }
    }
  }

  private void commit(ShardManifest manifest) throws IOException {
    StorageOutput out = storage.create(layout.manifest(manifest.block(), manifest.shard(), manifest.attempt()));
    try {
      JSON.writeValue(out, manifest);
    } catch (IOException e) {
      out.abort();
      throw e;
    }
  }

  private FoldingCombiner foldingCombiner(BlockPlan block) {
    if (block.combine() == null || block.combine().builtin == null) {
      return null;
    }
    return Builtins.folding(block.combine().builtin).orElse(null);
  }

  /** A command on a binary Disk gets each chunk's bytes as they are, not one line per record. */
  private Map<String, String> argsOf(BlockPlan block) {
    Map<String, String> args = new HashMap<>(block.function().args == null ? Map.of() : block.function().args);
    if (block.isSource() && plan.disks().get(block.sourceDisk()).format() == DiskFormat.BINARY) {
      args.put(StreamingCommand.BINARY_SOURCE_ARG, "true");
    }
    return Map.copyOf(args);
  }

  @FunctionalInterface
  private interface UserCall {
    void run() throws Exception;
  }

  private static void call(BlockPlan block, UserCall call) throws IOException {
    try {
      call.run();
    } catch (Exception e) {
      throw userOrEngine(block, e);
    }
  }

  /**
   * Labels what user code threw: the user's fault (no retry), except I/O trouble on the engine's
   * side (reading a merge, writing a spill), which stays an IOException a retry may cure. The
   * result is always thrown; it is returned so callers can write {@code throw}.
   */
  private static IOException userOrEngine(BlockPlan block, Exception e) throws IOException {
    if (e instanceof UserCodeException user) {
      throw user;
    }
    if (e instanceof IOException io) {
      throw io;
    }
    if (e instanceof UncheckedIOException io) {
      throw io.getCause();
    }
    throw new UserCodeException("block " + block.name() + ": its function failed: " + e, e);
  }
}
