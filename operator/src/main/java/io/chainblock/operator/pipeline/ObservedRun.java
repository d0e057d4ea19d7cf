package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.Disk;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster holds for one pipeline, all the planner needs: the run's Jobs and shard reports
 * by block, the Disks the pipeline names, and the plan ConfigMap (null before the run starts).
 */
public record ObservedRun(
    Map<String, Job> jobs, Map<String, List<ShardReport>> reports, Map<String, Disk> disks, ConfigMap planConfigMap) {

  public static ObservedRun of(Collection<Job> jobs, Collection<Pod> pods, Collection<Disk> disks,
      ConfigMap planConfigMap) {
    Map<String, Job> jobsByBlock = new LinkedHashMap<>();
    for (Job job : jobs) {
      jobsByBlock.put(block(job.getMetadata().getLabels()), job);
    }
    Map<String, List<ShardReport>> reports = new LinkedHashMap<>();
    for (Pod pod : pods) {
      ShardReport.of(pod).ifPresent(report ->
          reports.computeIfAbsent(block(pod.getMetadata().getLabels()), b -> new ArrayList<>()).add(report));
    }
    Map<String, Disk> disksByName = new LinkedHashMap<>();
    for (Disk disk : disks) {
      disksByName.put(disk.getMetadata().getName(), disk);
    }
    return new ObservedRun(jobsByBlock, reports, disksByName, planConfigMap);
  }

  public List<ShardReport> reports(String block) {
    return reports.getOrDefault(block, List.of());
  }

  private static String block(Map<String, String> labels) {
    return labels == null ? "" : labels.getOrDefault(RunLabels.BLOCK, "");
  }
}
