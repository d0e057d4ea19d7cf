package io.chainblock.operator.pipeline;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;

/**
 * Where a block's Job stands, read from the status the Job controller writes.
 *
 * @param failedIndexes the indexes that failed for good, as the Job lists them ("1,3-5"), or ""
 * @param finishedAt when the Job completed or failed, null while it runs
 */
public record JobProgress(
    String name, boolean complete, boolean failed, int succeeded, String failedIndexes,
    int parallelism, boolean suspended, Instant createdAt, Instant finishedAt) {

  public static JobProgress of(Job job) {
    var status = job.getStatus();
    JobCondition complete = condition(job, "Complete");
    // FailureTarget comes first, while the failed Job's pods are still being terminated
    JobCondition failed = condition(job, "Failed");
    if (failed == null) {
      failed = condition(job, "FailureTarget");
    }
    JobCondition finished = complete != null ? complete : failed;
    return new JobProgress(
        job.getMetadata().getName(),
        complete != null,
        failed != null,
        status == null || status.getSucceeded() == null ? 0 : status.getSucceeded(),
        status == null || status.getFailedIndexes() == null ? "" : status.getFailedIndexes(),
        job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism(),
        Boolean.TRUE.equals(job.getSpec().getSuspend()),
        parse(job.getMetadata().getCreationTimestamp()),
        finished == null ? null : finishedAt(job, finished));
  }

  public boolean finished() {
    return complete || failed;
  }

  /** How many indexes {@link #failedIndexes} names: "1,3-5" is 4. */
  public int failedCount() {
    return IndexRanges.count(failedIndexes);
  }

  private static Instant finishedAt(Job job, JobCondition finished) {
    if (job.getStatus().getCompletionTime() != null) {
      return parse(job.getStatus().getCompletionTime());
    }
    return parse(finished.getLastTransitionTime());
  }

  private static JobCondition condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst().orElse(null);
  }

  private static Instant parse(String timestamp) {
    return timestamp == null ? null : Instant.parse(timestamp);
  }
}
