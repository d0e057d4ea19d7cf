package io.chainblock.engine.format;

import java.io.IOException;

/**
 * A stored run is truncated or damaged. Reading it again will not help; the writer's shard has
 * to run again. The message names the object and what is wrong with it.
 */
public class CorruptObjectException extends IOException {
  public CorruptObjectException(String objectName, String problem) {
    super(objectName + ": " + problem + ": the object is incomplete or corrupt");
  }

  public CorruptObjectException(String objectName, String problem, Throwable cause) {
    super(objectName + ": " + problem + ": the object is incomplete or corrupt", cause);
  }
}
