package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A pipeline and the objects of its run, kept in memory; plans are applied as the reconciler would. */
final class InMemoryRun {
  final PipelinePlanner planner = new PipelinePlanner(Fixtures.CONFIG);
  ChainPipeline pipeline;
  ConfigMap plan;
  final Map<String, Job> jobs = new LinkedHashMap<>();
  final List<Pod> pods = new ArrayList<>();
  final List<Disk> disks = new ArrayList<>();
  final List<PipelineEvent> events = new ArrayList<>();

  InMemoryRun(ChainPipeline pipeline, List<Disk> disks) {
    this.pipeline = pipeline;
    this.disks.addAll(disks);
  }

  ReconcilePlan reconcile(Instant now) {
    ReconcilePlan result = planner.plan(pipeline, ObservedRun.of(jobs.values(), pods, disks, plan), now);
    if (result.configMap() != null) {
      plan = result.configMap();
    }
    for (Job job : result.jobsToCreate()) {
      jobs.put(job.getMetadata().getLabels().get(RunLabels.BLOCK), Fixtures.created(job, now));
    }
    for (ReconcilePlan.JobPatch patch : result.jobsToPatch()) {
      jobs.replaceAll((block, job) -> !job.getMetadata().getName().equals(patch.job()) ? job
          : new JobBuilder(job).editSpec()
              .withParallelism(patch.parallelism() != null ? patch.parallelism() : job.getSpec().getParallelism())
              .withSuspend(patch.suspend() != null ? patch.suspend() : job.getSpec().getSuspend())
              .endSpec().build());
    }
    pipeline.setStatus(result.newStatus());
    events.addAll(result.events());
    return result;
  }

  Job job(String block) {
    return jobs.get(block);
  }

  void update(String block, UnaryOperator<Job> change) {
    jobs.put(block, change.apply(jobs.get(block)));
  }

  List<PipelineEvent.Reason> reasons() {
    return events.stream().map(PipelineEvent::reason).toList();
  }
}
