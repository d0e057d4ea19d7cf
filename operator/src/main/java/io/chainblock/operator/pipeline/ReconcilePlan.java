package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.api.v1alpha1.OutputSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.List;

/**
 * What one reconcile does, decided before anything is done: objects to create, Jobs to change,
 * the output to commit, the status to write and the events to tell.
 *
 * @param configMap the run's plan ConfigMap to create, or null
 * @param outputCommit the output Disk to seal with its manifest before the status says Succeeded, or null
 * @param replanAt when to plan again though nothing in the cluster changed, or null: until then a
 *     succeeded block waits for the reports its counters miss
 */
public record ReconcilePlan(
    ConfigMap configMap,
    List<Job> jobsToCreate,
    List<JobPatch> jobsToPatch,
    OutputCommit outputCommit,
    ChainPipelineStatus newStatus,
    List<PipelineEvent> events,
    Instant replanAt) {

  /** A change to a running Job: its parallelism, or suspending it because the pipeline failed. */
  public record JobPatch(String job, Integer parallelism, Boolean suspend) {}

  /**
   * The terminal blocks have written their parts under {@code uri}; the manifest makes them a Disk.
   *
   * @param diskExists whether the Disk resource exists; when not, it is created so the output can
   *     be read like any other Disk
   */
  public record OutputCommit(String disk, String uri, OutputSpec.Format format, boolean diskExists) {}
}
