package io.chainblock.engine.source;

import io.chainblock.engine.storage.StoredObject;
import java.util.List;

/**
 * Which stored objects {@code chainblock disk import} takes into a Disk: every object under the
 * prefix in name order, except markers (a name part starting with '_' or '.', such as a Disk's own
 * {@code _manifest.json}), as a local directory's files are taken.
 */
public final class SourceObjects {
  private SourceObjects() {}

  public static List<StoredObject> select(List<StoredObject> listed) {
    return listed.stream().filter(object -> !isMarker(object.path())).toList();
  }

  private static boolean isMarker(String path) {
    for (String part : path.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
