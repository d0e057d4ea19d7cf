package io.chainblock.operator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's Prometheus metrics. Reconcilers report what they see; this class turns it into
 * meters:
 * <ul>
 *   <li>{@code chainblock_pipelines{phase}}: pipelines the operator knows, by phase;
 *   <li>{@code chainblock_block_duration_seconds{block,outcome}}: how long a block ran, first shard
 *       start to Job completion;
 *   <li>{@code chainblock_reconcile_seconds{controller,outcome}}: one reconcile (fed by
 *       {@link ReconcileTimer});
 *   <li>{@code chainblock_block_transition_seconds}: from the moment a block could start (every
 *       input block complete) to its Job being created, the operator's own share of a run's time.
 * </ul>
 */
public final class OperatorMetrics {
  /** Pipeline phases as {@code ChainPipelineStatus.Phase} names them, so every gauge exists from the start. */
  private static final String[] PIPELINE_PHASES = {"Pending", "Running", "Succeeded", "Failed"};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, String> pipelinePhases = new ConcurrentHashMap<>();
  private final Timer blockTransition;

  public OperatorMetrics() {
    for (String phase : PIPELINE_PHASES) {
      Gauge.builder("chainblock_pipelines", pipelinePhases, phases -> count(phases, phase))
          .description("ChainPipelines by phase")
          .tag("phase", phase)
          .register(registry);
    }
    blockTransition = Timer.builder("chainblock_block_transition")
        .description("From a block's inputs completing to its Job being created")
        .publishPercentileHistogram()
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Records a pipeline's current phase; {@code namespace/name} identifies it. */
  public void pipelinePhase(String namespace, String name, String phase) {
    pipelinePhases.put(namespace + "/" + name, phase);
  }

  /** Forgets a deleted pipeline. */
  public void pipelineDeleted(String namespace, String name) {
    pipelinePhases.remove(namespace + "/" + name);
  }

  /** @param outcome the block's final phase, e.g. Succeeded or Failed */
  public void blockFinished(String block, String outcome, Duration duration) {
    Timer.builder("chainblock_block_duration")
        .description("How long a block ran, from its first shard starting to its Job completing")
        .tag("block", block)
        .tag("outcome", outcome)
        .register(registry)
        .record(duration);
  }

  public void blockStarted(Duration sinceInputsCompleted) {
    blockTransition.record(sinceInputsCompleted);
  }

  void reconciled(String controller, String outcome, Duration duration) {
    Timer.builder("chainblock_reconcile")
        .description("One reconcile of a resource, by controller")
        .tag("controller", controller)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  private static double count(Map<String, String> phases, String phase) {
    return phases.values().stream().filter(phase::equals).count();
  }
}
