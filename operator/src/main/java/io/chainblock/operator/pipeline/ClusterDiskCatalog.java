package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.engine.plan.DiskCatalog;
import java.util.Map;

/** The Disks of the pipeline's namespace, for validation; the catalog's default wording fits the cluster. */
record ClusterDiskCatalog(Map<String, Disk> disks) implements DiskCatalog {
  @Override
  public boolean exists(String disk) {
    return disks.containsKey(disk);
  }
}
