package io.chainblock.engine.function.streaming;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Feeds a program's stdin from its own thread, so the caller only fills memory chunks and never
 * blocks on the pipe itself; at most a few chunks wait in between. When the program stops reading
 * (it exited, or closed its stdin) the rest is discarded: the program's exit status, not a broken
 * pipe, says whether that was a failure.
 */
final class StdinPump extends OutputStream {
  private static final int CHUNK_SIZE = 64 * 1024;
  private static final int CHUNKS_IN_FLIGHT = 4;
  private static final Chunk END = new Chunk(new byte[0], 0);

  private record Chunk(byte[] bytes, int length) {}

  private final BlockingQueue<Chunk> pending = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
  private final BlockingQueue<byte[]> spare = new LinkedBlockingQueue<>();
  private final OutputStream stdin;
  private final Thread writer;
  private byte[] current = new byte[CHUNK_SIZE];
  private int used;
  private boolean closed;

  StdinPump(OutputStream stdin, String threadName) {
    this.stdin = stdin;
    this.writer = Thread.ofPlatform().daemon().name(threadName).start(this::writeAll);
  }

  @Override
  public void write(int b) throws IOException {
    if (used == current.length) {
      handOff();
    }
    current[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (used == current.length) {
        handOff();
      }
      int n = Math.min(len, current.length - used);
      System.arraycopy(b, off, current, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  private void handOff() throws IOException {
    put(new Chunk(current, used));
    byte[] next = spare.poll();
    current = next != null ? next : new byte[CHUNK_SIZE];
    used = 0;
  }

  private void put(Chunk chunk) throws IOException {
    try {
      pending.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while feeding the command's stdin");
    }
  }

  /** Sends what is buffered, closes the program's stdin and waits until the writer is done. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (used > 0) {
      handOff();
    }
    put(END);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while closing the command's stdin");
    }
  }

  private void writeAll() {
    boolean programReads = true;
    try {
      for (Chunk chunk = pending.take(); chunk != END; chunk = pending.take()) {
        if (programReads) {
          try {
            stdin.write(chunk.bytes(), 0, chunk.length());
          } catch (IOException programStoppedReading) {
            programReads = false;
          }
        }
        spare.offer(chunk.bytes());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        stdin.close();
      } catch (IOException alreadyGone) {
        // The program closed its end first; nothing is lost that its exit status will not report.
      }
    }
  }
}
