package io.chainblock.engine.exec;

/**
 * How a shard process ends, for whatever runs it: the local runner's process mode, and the
 * operator, whose Job podFailurePolicy fails an index at once on {@link #USER_ERROR}.
 */
public final class ShardExit {
  public static final int OK = 0;
  /** The block's function, command or input is wrong: a retry fails the same way (EX_DATAERR). */
  public static final int USER_ERROR = 65;
  /** Storage or the machine failed: a retry may succeed (EX_TEMPFAIL). */
  public static final int RETRYABLE = 75;

  private ShardExit() {}
}
