package io.chainblock.engine.exec;

import io.chainblock.engine.plan.RunPlan;

/**
 * Where a run keeps its intermediate objects:
 * <pre>
 * runs/NS/PIPELINE/RUN/PRODUCER/CONSUMER/DEST/WRITER-ATTEMPT       sorted records for one reader shard
 * runs/NS/PIPELINE/RUN/PRODUCER/CONSUMER/broadcast/WRITER-ATTEMPT  records broadcast to every reader shard
 * runs/NS/PIPELINE/RUN/PRODUCER/_manifests/WRITER-ATTEMPT.json     the writer's commit, written last
 * </pre>
 * Every object name carries the attempt, so a retried shard never overwrites or mixes with a
 * half-written earlier attempt; readers take only what a committed manifest lists.
 */
public record RunLayout(String base) {
  private static final String MANIFESTS = "_manifests/";
  private static final String MANIFEST_SUFFIX = ".json";

  public static RunLayout of(RunPlan plan) {
    return of(plan.namespace(), plan.pipeline(), plan.runId());
  }

  /** The layout of one run; the operator deletes {@link #base()} when the run's intermediates are no longer needed. */
  public static RunLayout of(String namespace, String pipeline, String runId) {
    return new RunLayout("runs/" + namespace + "/" + pipeline + "/" + runId + "/");
  }

  public String data(String producer, String consumer, int dest, int writer, int attempt) {
    return base + producer + "/" + consumer + "/" + dest + "/" + writer + "-" + attempt;
  }

  public String broadcast(String producer, String consumer, int writer, int attempt) {
    return base + producer + "/" + consumer + "/broadcast/" + writer + "-" + attempt;
  }

  public String manifest(String producer, int writer, int attempt) {
    return manifests(producer) + writer + "-" + attempt + MANIFEST_SUFFIX;
  }

  public String manifests(String producer) {
    return base + producer + "/" + MANIFESTS;
  }

  public String block(String producer) {
    return base + producer + "/";
  }

  /**
   * The (writer, attempt) of a data or broadcast object ({@code .../WRITER-ATTEMPT}), or null
   * for a manifest or anything else.
   */
  public static int[] writerAndAttemptOfData(String path) {
    if (path.contains("/" + MANIFESTS)) {
      return null;
    }
    return parseWriterAndAttempt(path.substring(path.lastIndexOf('/') + 1));
  }

  /** The (writer, attempt) of a manifest path, or null for anything else under the folder. */
  public static int[] writerAndAttempt(String manifestPath) {
    String name = manifestPath.substring(manifestPath.lastIndexOf('/') + 1);
    if (!name.endsWith(MANIFEST_SUFFIX)) {
      return null;
    }
    return parseWriterAndAttempt(name.substring(0, name.length() - MANIFEST_SUFFIX.length()));
  }

  private static int[] parseWriterAndAttempt(String name) {
    String[] parts = name.split("-");
    if (parts.length != 2) {
      return null;
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
