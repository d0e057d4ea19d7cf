package io.chainblock.engine.plan;

import java.util.Map;

/**
 * Where a run's data lives, kept apart from the {@link RunPlan} (what to compute) because it
 * depends on where the run happens. Each is a storage URI: {@code s3://BUCKET/PREFIX/}, or a
 * local path (or {@code file:} URI).
 *
 * @param intermediates where shards exchange their sorted objects and manifests
 * @param output the output Disk: the terminal blocks' parts
 * @param disks each source Disk's location, by Disk name
 */
public record Locations(String intermediates, String output, Map<String, String> disks) {}
