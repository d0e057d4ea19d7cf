package io.chainblock.operator;

import io.chainblock.operator.pipeline.PipelineListener;
import java.time.Duration;

/** Feeds what the pipeline reconciler did into {@link OperatorMetrics}. */
final class MetricsListener implements PipelineListener {
  private final OperatorMetrics metrics;

  MetricsListener(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void blockFinished(String namespace, String pipeline, String block, boolean succeeded, Duration ran) {
    metrics.blockFinished(block, succeeded ? "Succeeded" : "Failed", ran);
  }

  @Override
  public void transition(String namespace, String pipeline, String block, Duration latency) {
    metrics.blockStarted(latency);
  }
}
