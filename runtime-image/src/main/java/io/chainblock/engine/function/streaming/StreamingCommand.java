package io.chainblock.engine.function.streaming;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.function.BlockFunction;
import io.chainblock.engine.function.Emitter;
import io.chainblock.engine.function.KeyHandler;
import io.chainblock.engine.function.ShardContext;
import io.chainblock.engine.record.Record;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A block that runs a program per shard and talks to it in the {@link RecordLines} format.
 *
 * <p>The program starts in {@link #open} in the shard's scratch directory, with
 * {@code CHAINBLOCK_PIPELINE}, {@code CHAINBLOCK_BLOCK}, {@code CHAINBLOCK_SHARD} and
 * {@code CHAINBLOCK_SHARDS} in its environment. A non-source block's program gets the broadcasts
 * as {@code \*} lines, then one line per record in the order received (grouped by key, in subkey
 * order). A source block's program gets the Disk's raw bytes: each value followed by
 * {@code '\n'} (a text Disk's values are its lines), or, when the args hold
 * {@value #BINARY_SOURCE_ARG}{@code =true} (set by the runner for binary Disks), the chunks exactly
 * as they are.
 *
 * <p>Three threads keep large inputs and outputs from deadlocking: a writer feeds stdin from a
 * few bounded chunks, a reader parses stdout and emits, and a third forwards stderr with a
 * {@code [block/shard]} prefix. The records the program writes are therefore emitted from the
 * reader thread; the calling thread never emits for this function and {@link #close} waits for the
 * reader, so the emitter is used by one thread at a time.
 *
 * <p>A failure (the program exits non-zero, writes a malformed line, or the emitter rejects a
 * record) kills the program and is thrown from the next {@code record}, {@code broadcast} or
 * {@code close} call. {@link #abort} kills it when the shard fails for another reason.
 */
public final class StreamingCommand implements BlockFunction {
  /** The arg that marks a source block's Disk as binary: its chunks reach stdin unchanged. */
  public static final String BINARY_SOURCE_ARG = "chainblock.binary";

  private static final int QUOTED_LINE_CHARS = 200;

  private final List<String> command;
  private final PrintStream log;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private String block;
  private Emitter emitter;
  private boolean rawInput;
  private boolean newlineAfterValue;
  private Process process;
  private StdinPump stdin;
  private StderrTail stderr;
  private Thread stderrThread;
  private Thread stdoutThread;
  private boolean closed;

  /** A command whose stderr goes to this JVM's stderr. */
  public StreamingCommand(List<String> command) {
    this(command, System.err);
  }

  /** A command whose stderr lines, prefixed, go to {@code log}. */
  public StreamingCommand(List<String> command, PrintStream log) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a streaming command needs at least the program to run");
    }
    this.command = List.copyOf(command);
    this.log = log;
  }

  @Override
  public void open(ShardContext context) throws IOException {
    block = context.block();
    emitter = context.emitter();
    rawInput = context.isSource();
    newlineAfterValue = !"true".equals(context.args().get(BINARY_SOURCE_ARG));
    ProcessBuilder builder = new ProcessBuilder(command).directory(context.scratchDir().toFile());
    Map<String, String> env = builder.environment();
    env.put("CHAINBLOCK_PIPELINE", context.pipeline());
    env.put("CHAINBLOCK_BLOCK", block);
    env.put("CHAINBLOCK_SHARD", Integer.toString(context.shard()));
    env.put("CHAINBLOCK_SHARDS", Integer.toString(context.shards()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UserCodeException("block " + block + ": cannot start command " + command + ": " + e.getMessage(), e);
    }
    String threadName = block + "/" + context.shard();
    stderr = new StderrTail(process.getErrorStream(), log, "[" + threadName + "] ");
    stderrThread = Thread.ofPlatform().daemon().name(threadName + " stderr").start(stderr);
    stdoutThread = Thread.ofPlatform().daemon().name(threadName + " stdout").start(this::readStdout);
    stdin = new StdinPump(process.getOutputStream(), threadName + " stdin");
  }

  @Override
  public void broadcast(Record record) throws IOException {
    throwIfFailed();
    RecordLines.writeLine(stdin, RecordLines.Line.broadcast(Emitter.DEFAULT_STREAM, record.key(), record.subkey(), record.value()));
  }

  @Override
  public KeyHandler startKey(byte[] key) {
    return this::feed;
  }

  private void feed(Record record) throws IOException {
    throwIfFailed();
    if (rawInput) {
      stdin.write(record.value());
      if (newlineAfterValue) {
        stdin.write(RecordLines.NEWLINE);
      }
    } else {
      RecordLines.writeRecord(stdin, record.key(), record.subkey(), record.value());
    }
  }

  /** Ends the program's input, waits for its output and exit status, and reports a failure. */
  @Override
  public void close() throws Exception {
    if (process == null || closed) {
      return;
    }
    closed = true;
    try {
      stdin.close();
      stdoutThread.join();
    } catch (InterruptedException | IOException e) {
      abort();
      throw e;
    }
    throwIfFailed();
  }

  /** Kills the program (and what it started) when the shard fails elsewhere; close after this does nothing. */
  @Override
  public void abort() {
    closed = true;
    fail(new UserCodeException("block " + block + ": command " + command + " was stopped because the shard failed"));
  }

  private void readStdout() {
    try (LineReader lines = new LineReader(process.getInputStream())) {
      long lineNumber = 0;
      while (lines.next()) {
        lineNumber++;
        RecordLines.Line line;
        try {
          line = RecordLines.decode(lines.buffer(), lines.start(), lines.length());
        } catch (RecordLines.MalformedLineException e) {
          fail(new UserCodeException("block " + block + ": command " + command + " wrote a malformed line " + lineNumber
              + " (" + e.getMessage() + "): \"" + quote(lines.buffer(), lines.start(), lines.length()) + "\""));
          return;
        }
        if (line.broadcast()) {
          emitter.broadcast(line.stream(), line.key(), line.subkey(), line.value());
        } else {
          emitter.emit(line.stream(), line.key(), line.subkey(), line.value());
        }
      }
      int status = process.waitFor();
      stderrThread.join();
      if (status != 0) {
        fail(new UserCodeException("block " + block + ": command " + command + " exited with status " + status
            + "; last stderr lines: " + stderr.lastLines()));
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      fail(e instanceof RuntimeException r ? r
          : new UserCodeException("block " + block + ": reading the output of command " + command + " failed: " + e, e));
    }
  }

  private static String quote(byte[] buf, int start, int length) {
    String text = new String(buf, start, Math.min(length, QUOTED_LINE_CHARS * 4), StandardCharsets.UTF_8);
    return text.length() > QUOTED_LINE_CHARS ? text.substring(0, QUOTED_LINE_CHARS) + "…" : text;
  }

  /** Keeps the first failure and kills the program, which ends the reader and writer threads too. */
  private void fail(RuntimeException e) {
    if (failure.compareAndSet(null, e) && process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private void throwIfFailed() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
