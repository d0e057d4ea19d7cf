package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.operator.OperatorConfig;
import io.chainblock.operator.PipelineLifecycle;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs ChainPipelines: observes the run's Jobs, shard pods, plan ConfigMap and Disks through
 * informers, plans with {@link PipelinePlanner}, applies the plan, then writes the status. A Job's
 * status change reaches it through its informer at once, which is what starts the next block
 * without delay; the shards' reports come through the pods' informer, which may lag it, and
 * complete the block's counters later ({@link BlockCounters}). Every reconcile recomputes the run
 * from the cluster, so a restarted operator carries on where the last one stopped.
 */
@ControllerConfiguration(name = ChainPipelineReconciler.NAME)
public class ChainPipelineReconciler implements Reconciler<ChainPipeline>, Cleaner<ChainPipeline> {
  public static final String NAME = "chainpipeline";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PipelinePlanner planner;
  private final StorageOpener storage;
  private final PipelineListener listener;
  private final PipelineLifecycle lifecycle;
  private final Clock clock;
  private final ProgressWrites progress = new ProgressWrites();
  private InformerEventSource<Job, ChainPipeline> jobs;
  private InformerEventSource<ConfigMap, ChainPipeline> configMaps;

  /**
   * @param storage opens the output Disk to write its manifest when a pipeline succeeds
   * @param lifecycle removes the intermediates of a deleted pipeline, and of a succeeded one after the TTL
   */
  public ChainPipelineReconciler(OperatorConfig config, StorageOpener storage, PipelineListener listener,
      PipelineLifecycle lifecycle, Clock clock) {
    this.planner = new PipelinePlanner(config);
    this.storage = storage;
    this.listener = listener;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, ChainPipeline>> prepareEventSources(EventSourceContext<ChainPipeline> context) {
    jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, ChainPipeline.class)
        .withName("jobs").withLabelSelector(RunLabels.SELECTOR)
        // The Job controller also writes startTime, active, ready and terminating counts, which
        // the planner never reads; a reconcile for each would only queue before the ones that matter.
        .withOnUpdateFilter((newJob, oldJob) -> !JobProgress.of(newJob).equals(JobProgress.of(oldJob)))
        .build(), context);
    configMaps = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, ChainPipeline.class)
        .withName("plans").withLabelSelector(RunLabels.SELECTOR).build(), context);
    InformerEventSource<Pod, ChainPipeline> pods = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Pod.class, ChainPipeline.class)
            .withName("shards").withLabelSelector(RunLabels.SELECTOR)
            .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                pod.getMetadata().getAnnotations().get(RunLabels.PIPELINE_NAME), pod.getMetadata().getNamespace())))
            // only a shard's end changes what the planner sees (its counters or error); a new pod
            // has not ended, and a restarted operator reconciles every pipeline anyway
            .withOnAddFilter(pod -> ShardReport.of(pod).isPresent())
            .withOnUpdateFilter((newPod, oldPod) -> ShardReport.of(newPod).isPresent() != ShardReport.of(oldPod).isPresent())
            .build(), context);
    InformerEventSource<Disk, ChainPipeline> disks = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Disk.class, ChainPipeline.class)
            .withName("disks")
            .withSecondaryToPrimaryMapper(disk -> context.getPrimaryCache()
                .list(disk.getMetadata().getNamespace())
                .filter(p -> PipelineDisks.of(p).contains(disk.getMetadata().getName()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper((ChainPipeline p) -> PipelineDisks.of(p).stream()
                .map(name -> new ResourceID(name, p.getMetadata().getNamespace()))
                .collect(Collectors.toSet()))
            .build(), context);
    return List.of(jobs, configMaps, pods, disks);
  }

  @Override
  public UpdateControl<ChainPipeline> reconcile(ChainPipeline pipeline, Context<ChainPipeline> context)
      throws Exception {
    Instant now = clock.instant();
    ObservedRun observed = ObservedRun.of(context.getSecondaryResources(Job.class),
        context.getSecondaryResources(Pod.class), context.getSecondaryResources(Disk.class),
        context.getSecondaryResource(ConfigMap.class).orElse(null));
    ReconcilePlan plan = planner.plan(pipeline, observed, now);
    ResourceID id = ResourceID.fromResource(pipeline);
    new PlanApplier(context.getClient(), new OutputCommitter(storage, context.getClient()))
        .apply(pipeline, plan, created -> remember(id, created));
    Duration ttlCheck = lifecycle.afterReconcile(pipeline, plan.newStatus(), now);
    Duration heldBack = null;
    if (!JSON.valueToTree(plan.newStatus()).equals(JSON.valueToTree(pipeline.getStatus()))) {
      Duration wait = progress.holdBack(id, pipeline.getStatus(), plan.newStatus(), now);
      if (wait.isZero()) {
        // A whole-status update with optimistic locking: a conflict retries the reconcile on a fresher
        // pipeline. Cached, so the next reconcile sees this status before the informer delivers it.
        PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(pipeline, context, p -> {
          p.setStatus(plan.newStatus());
          return p;
        });
        progress.written(id, now);
      } else {
        heldBack = wait;
      }
    }
    EventRecorder recorder = new EventRecorder(context.getClient());
    for (PipelineEvent event : plan.events()) {
      recorder.record(pipeline, event, now);
      ListenerCalls.tell(listener, pipeline, event);
    }
    Duration replan = plan.replanAt() == null ? null : Duration.between(now, plan.replanAt());
    Duration next = Stream.of(ttlCheck, replan, heldBack).filter(Objects::nonNull).min(Duration::compareTo).orElse(null);
    return next == null ? UpdateControl.noUpdate() : UpdateControl.<ChainPipeline>noUpdate().rescheduleAfter(next);
  }

  @Override
  public DeleteControl cleanup(ChainPipeline pipeline, Context<ChainPipeline> context) {
    progress.forget(ResourceID.fromResource(pipeline));
    return lifecycle.cleanup(pipeline);
  }

  /** Puts what was just created into the informers' caches, so the next reconcile sees it even before its watch event. */
  private void remember(ResourceID pipeline, HasMetadata created) {
    if (created instanceof Job job) {
      jobs.handleRecentResourceCreate(pipeline, job);
    } else if (created instanceof ConfigMap configMap) {
      configMaps.handleRecentResourceCreate(pipeline, configMap);
    }
  }
}
