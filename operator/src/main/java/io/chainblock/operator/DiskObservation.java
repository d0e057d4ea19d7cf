package io.chainblock.operator;

import io.chainblock.engine.source.DiskManifest;

/**
 * What the Disk reconciler saw in S3 and in the cluster, the input of {@link DiskPlanner}.
 *
 * @param bucketExists whether the Disk's own bucket exists
 * @param manifest the Disk's manifest, or null when there is none
 * @param source what is at {@code spec.source.objects}, or null when it was not looked at
 * @param job the import Job
 * @param storageError why S3 could not be asked (endpoint down, credentials refused), or null
 */
record DiskObservation(
    DiskLocation location,
    String endpoint,
    boolean bucketExists,
    DiskManifest manifest,
    Source source,
    ImportJobState job,
    String storageError) {

  /** The objects a Disk imports: {@code uri} is {@code s3://BUCKET/PREFIX/}. */
  record Source(String uri, String bucket, boolean bucketExists, int objects) {}
}
