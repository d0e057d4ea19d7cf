package io.chainblock.operator;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Duration;

/**
 * JOSDK's hook around every reconcile and cleanup of every controller: times them into
 * {@link OperatorMetrics}, so no reconciler has to time itself.
 */
final class ReconcileTimer implements Metrics {
  private final OperatorMetrics metrics;

  ReconcileTimer(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      T result = execution.execute();
      outcome = "success";
      return result;
    } finally {
      metrics.reconciled(execution.controllerName(), outcome, Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
