package io.chainblock.engine.exec;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.format.RecordSink;
import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.record.Record;
import io.chainblock.engine.sort.GroupCombiner;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a block function as a combiner over one key's records at a time. Its output replaces the
 * group, so it must keep the key: a combiner that emits another key or stream would scramble
 * the sort order, and is stopped with an error naming the block.
 */
final class BlockFunctionCombiner implements GroupCombiner {
  private final BlockFunction function;
  private final String block;
  private RecordSink sink;
  private byte[] currentKey;

  BlockFunctionCombiner(BlockFunction function, Map<String, String> args, ShardContext shard) throws Exception {
    this.function = function;
    this.block = shard.block();
    Emitter emitter = new Emitter() {
      @Override
      public void emit(String stream, byte[] key, byte[] subkey, byte[] value) {
        if (!stream.isEmpty()) {
          throw new UserCodeException("block " + block + ": its combiner emitted to stream '" + stream
              + "': a combiner may only emit to the default stream");
        }
        if (!Arrays.equals(key, currentKey)) {
          throw new UserCodeException("block " + block + ": its combiner emitted key '"
              + new String(key, UTF_8) + "' while combining key '"
              + new String(currentKey, UTF_8) + "': a combiner must keep the key");
        }
        try {
          sink.write(key, subkey, value);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void broadcast(String stream, byte[] key, byte[] subkey, byte[] value) {
        throw new UserCodeException("block " + block + ": its combiner broadcast a record: a combiner may only emit");
      }
    };
    function.open(new ShardContext() {
      @Override public String pipeline() { return shard.pipeline(); }
      @Override public String block() { return shard.block(); }
      @Override public int shard() { return shard.shard(); }
      @Override public int shards() { return shard.shards(); }
      @Override public Map<String, String> args() { return args; }
      @Override public boolean isSource() { return false; }
      @Override public Emitter emitter() { return emitter; }
      @Override public Path scratchDir() { return shard.scratchDir(); }
    });
  }

  @Override
  public void combine(byte[] key, List<Record> records, RecordSink out) throws IOException {
    sink = out;
    currentKey = key;
    try {
      KeyHandler handler = function.startKey(key);
      for (Record record : records) {
        handler.record(record);
      }
      handler.finish();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new UserCodeException("block " + block + ": combiner failed: " + e, e);
    }
  }

  void close() throws Exception {
    function.close();
  }
}
