package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.engine.plan.Locations;
import io.chainblock.engine.plan.RunPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run's data lives in object storage: a Disk at its spec's bucket and prefix, by default
 * at {@code s3://BUCKET/disks/NAMESPACE/NAME/} (where {@code chainblock disk put} writes), and the
 * intermediates at the bucket's root (the engine adds {@code runs/NAMESPACE/PIPELINE/RUN/}).
 */
public final class DiskLocations {
  private DiskLocations() {}

  public static Locations of(RunPlan plan, Map<String, Disk> disks, String bucket) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String disk : plan.disks().keySet()) {
      sources.put(disk, uri(disks.get(disk), plan.namespace(), disk, bucket));
    }
    String output = plan.output().disk();
    return new Locations("s3://" + bucket + "/", uri(disks.get(output), plan.namespace(), output, bucket), sources);
  }

  /** @param disk the Disk resource, or null when it does not exist (yet) */
  public static String uri(Disk disk, String namespace, String name, String defaultBucket) {
    String bucket = disk == null || disk.getSpec() == null || blank(disk.getSpec().bucket)
        ? defaultBucket : disk.getSpec().bucket;
    String prefix = disk == null || disk.getSpec() == null || blank(disk.getSpec().prefix)
        ? "disks/" + namespace + "/" + name + "/" : disk.getSpec().prefix;
    prefix = prefix.replaceAll("^/+", "");
    return "s3://" + bucket + "/" + (prefix.endsWith("/") ? prefix : prefix + "/");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
