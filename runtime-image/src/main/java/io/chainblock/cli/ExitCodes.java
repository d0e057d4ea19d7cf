package io.chainblock.cli;

import io.chainblock.engine.exec.ShardExit;

/** The exit codes of every {@code chainblock} command; README lists them. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The pipeline ran and a shard failed. */
  public static final int RUN_FAILED = 1;
  /** The command line is wrong (unknown option, missing argument). */
  public static final int USAGE = 2;
  /** The pipeline file cannot be read or fails validation; nothing was run or written. */
  public static final int INVALID_PIPELINE = 3;
  /** Input data is missing or unreadable (a --disk path, the output directory). */
  public static final int INPUT_ERROR = 4;
  /**
   * {@code chainblock shard}: the block's function, command or input is wrong, so running the
   * shard again will fail the same way (EX_DATAERR). The operator's podFailurePolicy fails the
   * index at once on it.
   */
  public static final int SHARD_USER_ERROR = ShardExit.USER_ERROR;
  /** {@code chainblock shard}: storage or the machine failed; a retry may succeed (EX_TEMPFAIL). */
  public static final int SHARD_RETRYABLE = ShardExit.RETRYABLE;

  private ExitCodes() {}
}
