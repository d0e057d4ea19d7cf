package io.chainblock.operator;

import io.javaoperatorsdk.operator.RuntimeInfo;

/** Ready once JOSDK has started and every event source (the informers) is healthy. */
final class OperatorReadiness implements Readiness {
  private final RuntimeInfo runtime;

  OperatorReadiness(RuntimeInfo runtime) {
    this.runtime = runtime;
  }

  @Override
  public String notReadyReason() {
    if (!runtime.isStarted()) {
      return "the operator has not started its controllers yet";
    }
    if (!runtime.allEventSourcesAreHealthy()) {
      return "unhealthy event sources: " + runtime.unhealthyEventSources();
    }
    return null;
  }
}
