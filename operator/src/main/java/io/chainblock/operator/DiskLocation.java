package io.chainblock.operator;

import io.chainblock.api.v1alpha1.Disk;

/** Where a Disk's chunks and manifest live: its spec, else the operator's bucket and {@code disks/NS/NAME/}. */
record DiskLocation(String bucket, String prefix) {
  static DiskLocation of(Disk disk, String defaultBucket) {
    String bucket = disk.getSpec() == null || blank(disk.getSpec().bucket) ? defaultBucket : disk.getSpec().bucket;
    String prefix = disk.getSpec() == null || blank(disk.getSpec().prefix)
        ? "disks/" + disk.getMetadata().getNamespace() + "/" + disk.getMetadata().getName() + "/"
        : withSlash(disk.getSpec().prefix);
    return new DiskLocation(bucket, prefix);
  }

  String uri() {
    return "s3://" + bucket + "/" + prefix;
  }

  static String withSlash(String prefix) {
    String p = prefix.startsWith("/") ? prefix.substring(1) : prefix;
    return p.isEmpty() || p.endsWith("/") ? p : p + "/";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
