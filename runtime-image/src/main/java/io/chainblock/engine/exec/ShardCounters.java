package io.chainblock.engine.exec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one shard has done so far. Written by the shard's thread only and read live by progress
 * displays, so updates use lazySet: ordered, but without a full fence per record.
 */
public final class ShardCounters {
  private final AtomicLong recordsIn = new AtomicLong();
  private final AtomicLong recordsOut = new AtomicLong();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();
  private final AtomicLong spills = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private volatile long endNanos;

  /** The counters as JSON-friendly numbers: what a shard logs and puts in its termination message. */
  public record Snapshot(long recordsIn, long recordsOut, long bytesIn, long bytesOut, long spills, double seconds) {
    public static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0, 0);

    public Snapshot plus(Snapshot o) {
      return new Snapshot(recordsIn + o.recordsIn, recordsOut + o.recordsOut, bytesIn + o.bytesIn,
          bytesOut + o.bytesOut, spills + o.spills, seconds + o.seconds);
    }
  }

  void addRecordIn() {
    recordsIn.lazySet(recordsIn.get() + 1);
  }

  void addRecordOut() {
    recordsOut.lazySet(recordsOut.get() + 1);
  }

  void addBytesIn(long n) {
    bytesIn.lazySet(bytesIn.get() + n);
  }

  void addBytesOut(long n) {
    bytesOut.lazySet(bytesOut.get() + n);
  }

  void addSpills(long n) {
    spills.lazySet(spills.get() + n);
  }

  /** Takes the final counters of a shard that ran in another process. */
  public void finish(Snapshot ranElsewhere) {
    recordsIn.set(ranElsewhere.recordsIn());
    recordsOut.set(ranElsewhere.recordsOut());
    bytesIn.set(ranElsewhere.bytesIn());
    bytesOut.set(ranElsewhere.bytesOut());
    spills.set(ranElsewhere.spills());
    finish();
  }

  void finish() {
    endNanos = System.nanoTime();
  }

  public Snapshot snapshot() {
    long end = endNanos == 0 ? System.nanoTime() : endNanos;
    return new Snapshot(recordsIn.get(), recordsOut.get(), bytesIn.get(), bytesOut.get(), spills.get(),
        (end - startNanos) / 1e9);
  }
}
