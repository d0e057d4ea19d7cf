package io.chainblock.operator;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.source.SourceObjects;
import io.chainblock.engine.storage.S3Storage;
import java.io.IOException;

/** Looks at what decides a Disk's status: its bucket and manifest in S3, its source objects and its import Job. */
final class DiskObserver {
  private final S3Access s3;
  private final ImportJobs jobs;
  private final String defaultBucket;

  DiskObserver(S3Access s3, ImportJobs jobs, String defaultBucket) {
    this.s3 = s3;
    this.jobs = jobs;
    this.defaultBucket = defaultBucket;
  }

  DiskObservation observe(Disk disk) {
    DiskLocation location = DiskLocation.of(disk, defaultBucket);
    ImportJobState job = DiskPlanner.hasSource(disk) ? jobs.state(disk) : ImportJobState.absent(ImportJobs.name(disk));
    try {
      boolean bucketExists;
      DiskManifest manifest = null;
      try (S3Storage storage = s3.open(location.bucket(), location.prefix())) {
        bucketExists = storage.bucketExists();
        if (bucketExists && storage.exists(DiskManifest.NAME)) {
          manifest = DiskManifest.read(storage, "", disk.getMetadata().getName());
        }
      }
      DiskObservation.Source source = manifest == null && job.phase() == ImportJobState.Phase.ABSENT && hasSourceBucket(disk)
          ? source(disk.getSpec().source.objects) : null;
      return new DiskObservation(location, s3.endpoint(), bucketExists, manifest, source, job, null);
    } catch (IOException | RuntimeException e) {
      return new DiskObservation(location, s3.endpoint(), false, null, null, job, e.getMessage());
    }
  }

  private DiskObservation.Source source(DiskSpec.ObjectSource objects) throws IOException {
    String prefix = DiskLocation.withSlash(objects.prefix == null ? "" : objects.prefix);
    String uri = ImportJobs.sourceUri(objects);
    try (S3Storage storage = s3.open(objects.bucket, prefix)) {
      if (!storage.bucketExists()) {
        return new DiskObservation.Source(uri, objects.bucket, false, 0);
      }
      return new DiskObservation.Source(uri, objects.bucket, true, SourceObjects.select(storage.list("")).size());
    }
  }

  private static boolean hasSourceBucket(Disk disk) {
    return DiskPlanner.hasSource(disk) && disk.getSpec().source.objects.bucket != null
        && !disk.getSpec().source.objects.bucket.isBlank();
  }
}
