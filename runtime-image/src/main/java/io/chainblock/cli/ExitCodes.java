package io.chainblock.cli;

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

  private ExitCodes() {}
}
