package io.chainblock.operator;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.chainblock.operator.pipeline.StorageOpener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a pipeline around its run: its phase is counted in the metrics, its intermediate
 * objects are removed a TTL after it succeeded (recorded as the {@code IntermediatesRemoved}
 * condition), and when it is deleted, its finalizer removes them once its shards have stopped.
 * Output Disks are never touched.
 */
public final class PipelineLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineLifecycle.class);
  /** How soon a failed removal, or a deletion waiting for its shards to stop, is tried again. */
  static final Duration RETRY = Duration.ofSeconds(10);

  private final IntermediatesCleaner cleaner;
  private final RunStopper stopper;
  private final OperatorMetrics metrics;
  private final Duration ttl;

  public static PipelineLifecycle of(KubernetesClient client, StorageOpener storage, OperatorConfig config,
      OperatorMetrics metrics) {
    return new PipelineLifecycle(new IntermediatesCleaner(storage, config.bucket()), new RunStopper(client), metrics,
        config.intermediatesTtl());
  }

  PipelineLifecycle(IntermediatesCleaner cleaner, RunStopper stopper, OperatorMetrics metrics, Duration ttl) {
    this.cleaner = cleaner;
    this.stopper = stopper;
    this.metrics = metrics;
    this.ttl = ttl;
  }

  /**
   * Called by the pipeline reconciler with the status it is about to write; adds the
   * {@code IntermediatesRemoved} condition to it when the TTL has passed and the objects are gone.
   *
   * @return when to reconcile again for the TTL, or null when it needs no reconcile
   */
  public Duration afterReconcile(ChainPipeline pipeline, ChainPipelineStatus status, Instant now) {
    ObjectMeta meta = pipeline.getMetadata();
    metrics.pipelinePhase(meta.getNamespace(), meta.getName(), status.phase == null ? "Pending" : status.phase.name());
    Optional<Instant> due = IntermediatesTtl.dueAt(status, ttl);
    if (due.isEmpty()) {
      return null;
    }
    if (due.get().isAfter(now)) {
      return Duration.between(now, due.get());
    }
    try {
      String uri = cleaner.deleteRun(meta.getNamespace(), meta.getName(), meta.getUid());
      status.conditions = new ArrayList<>(status.conditions);
      status.conditions.add(IntermediatesTtl.removedCondition(uri, ttl, now, meta.getGeneration()));
      LOG.atInfo().addKeyValue("namespace", meta.getNamespace()).addKeyValue("pipeline", meta.getName())
          .addKeyValue("objects", uri).log("removed the intermediates of a succeeded pipeline after its TTL");
      return null;
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("namespace", meta.getNamespace()).addKeyValue("pipeline", meta.getName())
          .log("cannot remove the intermediates yet: {}", e.getMessage());
      return RETRY;
    }
  }

  /** The finalizer: stops the run's shards, then deletes its intermediates; the pipeline goes once they are gone. */
  public DeleteControl cleanup(ChainPipeline pipeline) {
    ObjectMeta meta = pipeline.getMetadata();
    if (!stopper.stop(meta.getNamespace(), meta.getUid())) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY);
    }
    try {
      String uri = cleaner.deleteRun(meta.getNamespace(), meta.getName(), meta.getUid());
      LOG.atInfo().addKeyValue("namespace", meta.getNamespace()).addKeyValue("pipeline", meta.getName())
          .addKeyValue("objects", uri).log("removed the intermediates of a deleted pipeline");
    } catch (IOException e) {
      // Keeping the finalizer keeps the pipeline visible while its objects cannot be removed;
      // `kubectl patch … --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'` gives up on them.
      LOG.atWarn().addKeyValue("namespace", meta.getNamespace()).addKeyValue("pipeline", meta.getName())
          .log("cannot remove the intermediates of a deleted pipeline yet: {}", e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY);
    }
    metrics.pipelineDeleted(meta.getNamespace(), meta.getName());
    return DeleteControl.defaultDelete();
  }
}
