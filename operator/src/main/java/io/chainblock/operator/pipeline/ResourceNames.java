package io.chainblock.operator.pipeline;

/**
 * Names of the objects of a run. They are deterministic, so a restarted operator finds what it
 * created, and carry the first characters of the pipeline's uid, so a pipeline deleted and
 * created again under the same name never adopts the Jobs of the old one.
 */
public final class ResourceNames {
  /**
   * An indexed Job's pods are named and get a hostname {@code JOB-INDEX}, which must be a DNS
   * label; 63 characters is also the longest label value ({@code job-name}).
   */
  static final int MAX_JOB_NAME = 63;
  static final int MAX_OBJECT_NAME = 253;
  private static final int UID_CHARS = 5;

  private ResourceNames() {}

  public static String job(String pipeline, String block, String uid) {
    return fit(pipeline, "-" + block + "-" + uid.substring(0, UID_CHARS), MAX_JOB_NAME);
  }

  public static String planConfigMap(String pipeline, String uid) {
    return fit(pipeline, "-" + uid.substring(0, UID_CHARS) + "-plan", MAX_OBJECT_NAME);
  }

  /** The pipeline name made a DNS label (pipeline names may hold dots) and cut to leave room for the suffix. */
  private static String fit(String pipeline, String suffix, int max) {
    String head = pipeline.replaceAll("[^a-z0-9-]", "-");
    int room = max - suffix.length();
    if (head.length() > room) {
      head = head.substring(0, room);
    }
    head = head.replaceAll("-+$", "");
    return head + suffix;
  }
}
