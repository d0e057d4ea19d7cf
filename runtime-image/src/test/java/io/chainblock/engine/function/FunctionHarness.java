package io.chainblock.engine.function;

import io.chainblock.engine.record.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs a block function over in-memory records in the order a shard would (open, broadcasts,
 * each key's records in subkey order, close) and collects what it emits.
 */
public final class FunctionHarness {
  /** One emitted record, with the stream it went to and whether it was broadcast. */
  public record Emitted(String stream, boolean broadcast, Record record) {}

  private String block = "test-block";
  private int shard;
  private int shards = 1;
  private Map<String, String> args = Map.of();
  private boolean source;
  private Path scratchDir = Path.of(System.getProperty("java.io.tmpdir"));

  public FunctionHarness args(Map<String, String> args) {
    this.args = args;
    return this;
  }

  public FunctionHarness shard(int shard, int shards) {
    this.shard = shard;
    this.shards = shards;
    return this;
  }

  public FunctionHarness block(String block) {
    this.block = block;
    return this;
  }

  public FunctionHarness scratchDir(Path scratchDir) {
    this.scratchDir = scratchDir;
    return this;
  }

  /** Runs as a block reading other blocks: records are grouped by key and sorted by subkey first. */
  public List<Emitted> run(BlockFunction function, List<Record> broadcasts, List<Record> records) throws Exception {
    source = false;
    List<Record> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.<Record, byte[]>comparing(Record::key, Arrays::compareUnsigned)
        .thenComparing(Record::subkey, Arrays::compareUnsigned));
    return execute(function, broadcasts, sorted);
  }

  /** Runs as a block reading other blocks and returns the records emitted to the default stream. */
  public List<Record> records(BlockFunction function, List<Record> records) throws Exception {
    return dataOf(run(function, List.of(), records));
  }

  /** Runs as a source block: one key per value, the value's byte offset as 20 digits, as from a text Disk. */
  public List<Record> source(BlockFunction function, List<String> lines) throws Exception {
    return sourceBytes(function, lines.stream().map(Record::utf8).toList(), 1);
  }

  /** Runs as a source block over values that are followed by {@code separatorBytes} in the Disk. */
  public List<Record> sourceBytes(BlockFunction function, List<byte[]> values, int separatorBytes) throws Exception {
    source = true;
    List<Record> records = new ArrayList<>();
    long offset = 0;
    for (byte[] value : values) {
      records.add(new Record(String.format("%020d", offset).getBytes(StandardCharsets.US_ASCII), Record.EMPTY, value));
      offset += value.length + separatorBytes;
    }
    return dataOf(execute(function, List.of(), records));
  }

  /** Only opens the function as a non-source block, for tests of what happens when a shard stops early. */
  public void open(BlockFunction function) throws Exception {
    source = false;
    function.open(new Context(new Collector()));
  }

  public static List<Record> dataOf(List<Emitted> emitted) {
    return emitted.stream().filter(e -> !e.broadcast() && e.stream().isEmpty()).map(Emitted::record).toList();
  }

  private List<Emitted> execute(BlockFunction function, List<Record> broadcasts, List<Record> keyOrdered) throws Exception {
    Collector emitter = new Collector();
    function.open(new Context(emitter));
    for (Record broadcast : broadcasts) {
      function.broadcast(broadcast);
    }
    KeyHandler handler = null;
    byte[] currentKey = null;
    for (Record record : keyOrdered) {
      if (handler == null || !Arrays.equals(currentKey, record.key())) {
        if (handler != null) {
          handler.finish();
        }
        currentKey = record.key();
        handler = function.startKey(currentKey);
      }
      handler.record(record);
    }
    if (handler != null) {
      handler.finish();
    }
    function.close();
    return emitter.emitted;
  }

  private static final class Collector implements Emitter {
    final List<Emitted> emitted = new ArrayList<>();

    @Override
    public void emit(String stream, byte[] key, byte[] subkey, byte[] value) {
      emitted.add(new Emitted(stream, false, new Record(key, subkey, value)));
    }

    @Override
    public void broadcast(String stream, byte[] key, byte[] subkey, byte[] value) {
      emitted.add(new Emitted(stream, true, new Record(key, subkey, value)));
    }
  }

  private final class Context implements ShardContext {
    private final Emitter emitter;

    Context(Emitter emitter) {
      this.emitter = emitter;
    }

    @Override
    public String pipeline() {
      return "test-pipeline";
    }

    @Override
    public String block() {
      return block;
    }

    @Override
    public int shard() {
      return shard;
    }

    @Override
    public int shards() {
      return shards;
    }

    @Override
    public Map<String, String> args() {
      return args;
    }

    @Override
    public boolean isSource() {
      return source;
    }

    @Override
    public Emitter emitter() {
      return emitter;
    }

    @Override
    public Path scratchDir() {
      return scratchDir;
    }
  }
}
