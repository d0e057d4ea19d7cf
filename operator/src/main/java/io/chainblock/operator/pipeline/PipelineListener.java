package io.chainblock.operator.pipeline;

import java.time.Duration;

/**
 * Hears what the reconciler did, once it is written to the cluster; metrics implement it. Called on
 * the reconciler's threads: implementations must be quick and thread-safe.
 */
public interface PipelineListener {
  PipelineListener NONE = new PipelineListener() {};

  default void blockStarted(String namespace, String pipeline, String block) {}

  /** @param ran from the Job's creation to its completion or failure */
  default void blockFinished(String namespace, String pipeline, String block, boolean succeeded, Duration ran) {}

  /** A block's Job was created {@code latency} after the last Job it reads from completed. */
  default void transition(String namespace, String pipeline, String block, Duration latency) {}

  /** @param ran from the first block's start to the pipeline's end */
  default void pipelineFinished(String namespace, String pipeline, boolean succeeded, Duration ran) {}
}
