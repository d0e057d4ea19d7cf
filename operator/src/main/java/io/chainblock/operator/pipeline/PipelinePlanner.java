package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineSpec;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.engine.plan.BlockPlan;
import io.chainblock.engine.plan.Disks;
import io.chainblock.engine.plan.PipelineValidator;
import io.chainblock.engine.plan.PipelineValidators;
import io.chainblock.engine.plan.PlanFile;
import io.chainblock.engine.plan.Problem;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The reconciler's decisions as a pure function: a pipeline and what the cluster holds for it
 * become the objects to create, the Jobs to change, the new status and the events. Nothing here
 * reads or writes the cluster, so planning again with the objects it asked for asks for nothing.
 */
public final class PipelinePlanner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OperatorConfig config;
  private final PipelineValidator validator;

  public PipelinePlanner(OperatorConfig config) {
    this.config = config;
    this.validator = PipelineValidators.standard();
  }

  public ReconcilePlan plan(ChainPipeline pipeline, ObservedRun observed, Instant now) {
    ChainPipelineStatus previous = pipeline.getStatus() == null ? new ChainPipelineStatus() : pipeline.getStatus();
    long generation = pipeline.getMetadata().getGeneration() == null ? 0 : pipeline.getMetadata().getGeneration();
    if (isFinished(previous.phase) && previous.startTime != null) {
      return settled(pipeline, observed, previous, generation, now);
    }
    if (observed.planConfigMap() == null) {
      List<Problem> problems = problems(pipeline, observed.disks());
      if (!problems.isEmpty()) {
        return invalid(pipeline, previous, problems, generation, now);
      }
    }
    return run(pipeline, observed, previous, generation, now);
  }

  /**
   * A run that has ended changes no more, but for the counters of blocks whose shards' reports came
   * after their Job completed; only a spec edited since is answered.
   */
  private ReconcilePlan settled(ChainPipeline pipeline, ObservedRun observed, ChainPipelineStatus previous,
      long generation, Instant now) {
    ChainPipelineStatus status = copy(previous);
    status.observedGeneration = generation;
    status.blocks = status.blocks.stream().map(b -> BlockCounters.recount(b, observed.reports(b.name), now)).toList();
    Conditions conditions = new Conditions(previous.conditions, generation, now);
    List<PipelineEvent> events = new ArrayList<>(StatusEvents.countersIncomplete(previous.blocks, status.blocks));
    for (var condition : previous.conditions) {
      if (!Conditions.SPEC_CHANGE_REFUSED.equals(condition.getType())) {
        conditions.set(condition.getType(), "True".equals(condition.getStatus()), condition.getReason(),
            condition.getMessage());
      }
    }
    if (observed.planConfigMap() != null) {
      refusedChange(pipeline, PlanConfigMap.startedSpec(observed.planConfigMap()), previous, conditions, events);
    }
    status.conditions = conditions.list();
    return new ReconcilePlan(null, List.of(), List.of(), null, status, events, replanAt(status));
  }

  private List<Problem> problems(ChainPipeline pipeline, Map<String, Disk> disks) {
    List<Problem> problems = new ArrayList<>(validator.validate(pipeline, new ClusterDiskCatalog(disks)));
    List<BlockSpec> blocks = pipeline.getSpec() == null ? List.of() : pipeline.getSpec().blocks;
    for (int i = 0; i < blocks.size(); i++) {
      BlockSpec block = blocks.get(i);
      Disk disk = block.source == null ? null : disks.get(block.source.disk);
      if (disk != null) {
        try {
          Disks.chunkSizeBytes(disk);
        } catch (IllegalArgumentException e) {
          problems.add(new Problem("spec.blocks[" + i + "].source.disk", "Disk '" + block.source.disk
              + "' has an unusable spec.chunkSize: " + e.getMessage()));
        }
      }
    }
    return problems;
  }

  private ReconcilePlan invalid(ChainPipeline pipeline, ChainPipelineStatus previous, List<Problem> problems,
      long generation, Instant now) {
    String message = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    List<BlockSpec> blocks = pipeline.getSpec() == null ? List.of() : pipeline.getSpec().blocks;
    ChainPipelineStatus status = new ChainPipelineStatus();
    status.phase = ChainPipelineStatus.Phase.Failed;
    status.blocksDone = "0/" + blocks.size();
    status.shardsDone = "0/" + blocks.stream().mapToInt(PipelinePlanner::shards).filter(n -> n > 0).sum();
    status.observedGeneration = generation;
    status.conditions = new Conditions(previous.conditions, generation, now)
        .set(Conditions.VALID, false, "InvalidSpec", message)
        .set(Conditions.SUCCEEDED, false, "InvalidSpec", "the pipeline is invalid; nothing was run")
        .set(Conditions.FAILED, true, "InvalidSpec", message)
        .list();
    var before = Conditions.find(previous.conditions, Conditions.VALID);
    List<PipelineEvent> events = before != null && "False".equals(before.getStatus())
        && message.equals(before.getMessage()) ? List.of()
        : List.of(new PipelineEvent(PipelineEvent.Reason.InvalidPipeline, null, message, null));
    return new ReconcilePlan(null, List.of(), List.of(), null, status, events, null);
  }

  private ReconcilePlan run(ChainPipeline pipeline, ObservedRun observed, ChainPipelineStatus previous,
      long generation, Instant now) {
    ChainPipelineSpec runSpec = observed.planConfigMap() == null ? pipeline.getSpec()
        : PlanConfigMap.startedSpec(observed.planConfigMap());
    ChainPipeline running = withSpec(pipeline, runSpec);
    String namespace = pipeline.getMetadata().getNamespace();
    RunPlan runPlan = RunPlan.of(running, observed.disks(), namespace, pipeline.getMetadata().getUid());
    ConfigMap configMap = observed.planConfigMap() != null ? null : PlanConfigMap.build(pipeline, runSpec,
        new PlanFile(runPlan, DiskLocations.of(runPlan, observed.disks(), config.bucket())));

    Map<String, BlockStatus> previousBlocks = new LinkedHashMap<>();
    previous.blocks.forEach(b -> previousBlocks.put(b.name, b));
    Map<String, BlockState> blocks = new LinkedHashMap<>();
    for (BlockSpec block : runSpec.blocks) {
      String jobName = ResourceNames.job(pipeline.getMetadata().getName(), block.name, pipeline.getMetadata().getUid());
      blocks.put(block.name, BlockState.observe(block.name, runPlan.block(block.name).shards(), jobName,
          observed.jobs().get(block.name), observed.reports(block.name), previousBlocks.get(block.name), now));
    }
    boolean failed = blocks.values().stream().anyMatch(b -> b.phase() == BlockStatus.Phase.Failed);
    String image = runSpec.image == null || runSpec.image.isBlank() ? config.runtimeImage() : runSpec.image;

    List<Job> creates = new ArrayList<>();
    List<ReconcilePlan.JobPatch> patches = new ArrayList<>();
    for (BlockSpec block : runSpec.blocks) {
      BlockState state = blocks.get(block.name);
      BlockPlan blockPlan = runPlan.block(block.name);
      int parallelism = desiredParallelism(pipeline.getSpec(), blockPlan, blockPlan.parallelism());
      if (state.phase() == BlockStatus.Phase.Pending && !failed && inputsDone(blockPlan, blocks)) {
        creates.add(BlockJobs.build(pipeline, block, parallelism, image, config));
        blocks.put(block.name, BlockState.started(state, now));
      } else if (state.job() != null && !state.job().finished()) {
        if (failed && !state.job().suspended()) {
          patches.add(new ReconcilePlan.JobPatch(state.job().name(), null, true));
        } else if (!failed) {
          int wanted = desiredParallelism(pipeline.getSpec(), blockPlan, state.job().parallelism());
          if (wanted != state.job().parallelism()) {
            patches.add(new ReconcilePlan.JobPatch(state.job().name(), wanted, null));
          }
        }
      }
    }

    ChainPipelineStatus status = status(blocks, previous, generation, now);
    List<PipelineEvent> events = new ArrayList<>(StatusEvents.between(previous, status, blocks, runPlan));
    Conditions conditions = conditions(status, previous, blocks, generation, now, runSpec);
    if (observed.planConfigMap() != null) {
      refusedChange(pipeline, runSpec, previous, conditions, events);
    }
    status.conditions = conditions.list();
    ReconcilePlan.OutputCommit commit = null;
    if (status.phase == ChainPipelineStatus.Phase.Succeeded) {
      String disk = runSpec.output.disk;
      commit = new ReconcilePlan.OutputCommit(disk,
          DiskLocations.uri(observed.disks().get(disk), namespace, disk, config.bucket()), runPlan.output().format(),
          observed.disks().containsKey(disk));
    }
    return new ReconcilePlan(configMap, creates, patches, commit, status, events, replanAt(status));
  }

  private static Instant replanAt(ChainPipelineStatus status) {
    return status.blocks.stream().map(BlockCounters::dueAt).filter(Objects::nonNull).min(Instant::compareTo)
        .orElse(null);
  }

  private static ChainPipelineStatus status(Map<String, BlockState> blocks, ChainPipelineStatus previous,
      long generation, Instant now) {
    ChainPipelineStatus status = new ChainPipelineStatus();
    status.blocks = blocks.values().stream().map(BlockState::status).toList();
    long succeeded = blocks.values().stream().filter(b -> b.phase() == BlockStatus.Phase.Succeeded).count();
    boolean failed = blocks.values().stream().anyMatch(b -> b.phase() == BlockStatus.Phase.Failed);
    status.phase = failed ? ChainPipelineStatus.Phase.Failed
        : succeeded == blocks.size() ? ChainPipelineStatus.Phase.Succeeded : ChainPipelineStatus.Phase.Running;
    status.blocksDone = succeeded + "/" + blocks.size();
    status.shardsDone = status.blocks.stream().mapToInt(b -> b.succeeded).sum() + "/"
        + status.blocks.stream().mapToInt(b -> b.shards).sum();
    status.startTime = previous.startTime != null ? previous.startTime : blocks.values().stream()
        .map(BlockState::startedAt).filter(Objects::nonNull).min(Instant::compareTo).orElse(now).toString();
    if (isFinished(status.phase)) {
      status.completionTime = blocks.values().stream().filter(b -> BlockState.isFinished(b.phase()))
          .map(BlockState::finishedAt).filter(Objects::nonNull).max(Instant::compareTo).orElse(now).toString();
    }
    status.observedGeneration = generation;
    return status;
  }

  private static Conditions conditions(ChainPipelineStatus status, ChainPipelineStatus previous,
      Map<String, BlockState> blocks, long generation, Instant now, ChainPipelineSpec runSpec) {
    Conditions conditions = new Conditions(previous.conditions, generation, now)
        .set(Conditions.VALID, true, "Valid", "the pipeline passed validation");
    switch (status.phase) {
      case Succeeded -> conditions
          .set(Conditions.SUCCEEDED, true, "Succeeded", "all " + blocks.size() + " blocks succeeded; the output is"
              + " in Disk '" + runSpec.output.disk + "'")
          .set(Conditions.FAILED, false, "Succeeded", "no block failed");
      case Failed -> {
        String message = blocks.values().stream().filter(b -> b.phase() == BlockStatus.Phase.Failed)
            .map(b -> b.status().message).filter(Objects::nonNull).findFirst().orElse("a block failed");
        conditions.set(Conditions.SUCCEEDED, false, "BlockFailed", message)
            .set(Conditions.FAILED, true, "BlockFailed", message);
      }
      default -> conditions
          .set(Conditions.SUCCEEDED, false, "Running", status.blocksDone + " blocks done")
          .set(Conditions.FAILED, false, "Running", "no block has failed");
    }
    return conditions;
  }

  /** Tells when the current spec differs from the one the run started with in more than parallelism. */
  private static void refusedChange(ChainPipeline pipeline, ChainPipelineSpec started, ChainPipelineStatus previous,
      Conditions conditions, List<PipelineEvent> events) {
    Optional<String> message = SpecChanges.refusedField(started, pipeline.getSpec())
        .map(field -> field + " changed after the run started: only a block's parallelism can change during a run,"
            + " so the run goes on with the spec it started with. To run the new spec, delete the pipeline and"
            + " apply it again")
        .or(() -> SpecChanges.unusableParallelism(pipeline.getSpec()));
    if (message.isEmpty()) {
      return;
    }
    conditions.set(Conditions.SPEC_CHANGE_REFUSED, true, "RunStarted", message.get());
    var before = Conditions.find(previous.conditions, Conditions.SPEC_CHANGE_REFUSED);
    if (before == null || !message.get().equals(before.getMessage())) {
      events.add(new PipelineEvent(PipelineEvent.Reason.SpecChangeRefused, null, message.get(), null));
    }
  }

  /** Shards at once for a block: what the current spec asks when it can be done, else {@code otherwise}. */
  private static int desiredParallelism(ChainPipelineSpec current, BlockPlan block, int otherwise) {
    return SpecChanges.parallelism(current, block.name(), block.shards()).orElse(otherwise);
  }

  private static boolean inputsDone(BlockPlan block, Map<String, BlockState> blocks) {
    return block.producers().stream().allMatch(p -> blocks.get(p).phase() == BlockStatus.Phase.Succeeded);
  }

  private static int shards(BlockSpec block) {
    return block.shards == null ? 1 : block.shards;
  }

  private static boolean isFinished(ChainPipelineStatus.Phase phase) {
    return phase == ChainPipelineStatus.Phase.Succeeded || phase == ChainPipelineStatus.Phase.Failed;
  }

  private static ChainPipeline withSpec(ChainPipeline pipeline, ChainPipelineSpec spec) {
    ChainPipeline copy = new ChainPipeline();
    copy.setMetadata(pipeline.getMetadata());
    copy.setSpec(spec);
    return copy;
  }

  private static ChainPipelineStatus copy(ChainPipelineStatus status) {
    return JSON.convertValue(status, ChainPipelineStatus.class);
  }
}
