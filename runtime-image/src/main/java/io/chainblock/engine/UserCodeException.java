package io.chainblock.engine;

/**
 * The user's function, command or input is wrong: running the shard again will not help. Its
 * message is shown to the user as it is, so it names the block and quotes what was wrong.
 */
public class UserCodeException extends RuntimeException {
  public UserCodeException(String message) {
    super(message);
  }

  public UserCodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
