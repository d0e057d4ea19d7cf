package io.chainblock.operator;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.api.v1alpha1.DiskStatus;
import io.chainblock.api.v1alpha1.DiskStatus.Phase;
import io.chainblock.engine.source.DiskManifest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides a Disk's status from what was observed: Ready from its manifest, Filling while its import
 * Job runs, and otherwise a Ready=False reason whose message says what to do.
 */
final class DiskPlanner {
  /** A Disk waiting for data is looked at again this soon: S3 has no watch. */
  static final Duration WHILE_WAITING = Duration.ofSeconds(10);
  /** A Ready Disk can be filled again (put --overwrite, a pipeline's new output). */
  static final Duration WHILE_READY = Duration.ofMinutes(5);
  static final Duration WHILE_UNREACHABLE = Duration.ofSeconds(30);

  private DiskPlanner() {}

  static DiskPlan plan(Disk disk, DiskObservation seen, Instant now) {
    String invalid = invalidSpec(disk);
    if (invalid != null) {
      return new DiskPlan(status(disk, Phase.Failed, "False", "InvalidSpec", invalid, null, now), false, null);
    }
    if (seen.storageError() != null) {
      Phase phase = disk.getStatus() == null || disk.getStatus().phase == null ? Phase.Pending : disk.getStatus().phase;
      return new DiskPlan(status(disk, phase, "Unknown", "StorageUnavailable", seen.storageError(), null, now),
          false, WHILE_UNREACHABLE);
    }
    DiskManifest manifest = seen.manifest();
    if (manifest != null) {
      String message = manifest.chunks().size() + " chunks, " + manifest.bytes() + " bytes at " + seen.location().uri();
      return new DiskPlan(status(disk, Phase.Ready, "True", "Filled", message, manifest, now), false, WHILE_READY);
    }
    return hasSource(disk) ? planImport(disk, seen, now) : planWaiting(disk, seen, now);
  }

  private static DiskPlan planWaiting(Disk disk, DiskObservation seen, Instant now) {
    String name = disk.getMetadata().getName();
    if (!seen.bucketExists()) {
      String message = "bucket " + seen.location().bucket() + " does not exist at " + seen.endpoint()
          + ": create it (e.g. mc mb ALIAS/" + seen.location().bucket() + "), or set spec.bucket to an existing bucket";
      return waiting(disk, Phase.Pending, "BucketNotFound", message, now);
    }
    String message = "no manifest at " + seen.location().uri() + DiskManifest.NAME + " yet: fill the Disk with `"
        + putCommand(disk, seen.location()) + "`, or make it the output of a pipeline (spec.output.disk: " + name + ")";
    return waiting(disk, Phase.Pending, "NoManifest", message, now);
  }

  private static DiskPlan planImport(Disk disk, DiskObservation seen, Instant now) {
    ImportJobState job = seen.job();
    String namespace = disk.getMetadata().getNamespace();
    switch (job.phase()) {
      case FAILED -> {
        String message = "import Job " + job.name() + " failed: " + job.error() + " (kubectl logs job/" + job.name()
            + " -n " + namespace + "); delete and re-create the Disk to import again";
        return new DiskPlan(status(disk, Phase.Failed, "False", "ImportFailed", message, null, now), false, null);
      }
      case SUCCEEDED -> {
        String message = "import Job " + job.name() + " finished but left no manifest at " + seen.location().uri()
            + DiskManifest.NAME + "; delete and re-create the Disk to import again";
        return new DiskPlan(status(disk, Phase.Failed, "False", "ImportFailed", message, null, now), false, null);
      }
      case RUNNING -> {
        return waiting(disk, Phase.Filling, "Importing", importing(disk, job, seen), now);
      }
      case ABSENT -> {
        DiskObservation.Source source = seen.source();
        if (!source.bucketExists()) {
          String message = "source bucket " + source.bucket() + " (spec.source.objects.bucket) does not exist at "
              + seen.endpoint() + ": name an existing bucket";
          return waiting(disk, Phase.Pending, "BucketNotFound", message, now);
        }
        if (source.objects() == 0) {
          String message = "no objects under " + source.uri() + " at " + seen.endpoint()
              + ": upload the objects to import there, or fix spec.source.objects.prefix";
          return waiting(disk, Phase.Pending, "EmptySource", message, now);
        }
        return new DiskPlan(status(disk, Phase.Filling, "False", "Importing", importing(disk, job, seen), null, now),
            true, WHILE_WAITING);
      }
      default -> throw new IllegalStateException(job.phase().name());
    }
  }

  private static String importing(Disk disk, ImportJobState job, DiskObservation seen) {
    return "import Job " + job.name() + " is re-chunking " + ImportJobs.sourceUri(disk.getSpec().source.objects)
        + " into " + seen.location().uri();
  }

  private static DiskPlan waiting(Disk disk, Phase phase, String reason, String message, Instant now) {
    return new DiskPlan(status(disk, phase, "False", reason, message, null, now), false, WHILE_WAITING);
  }

  static boolean hasSource(Disk disk) {
    return disk.getSpec() != null && disk.getSpec().source != null && disk.getSpec().source.objects != null;
  }

  private static String invalidSpec(Disk disk) {
    DiskSpec spec = disk.getSpec();
    if (spec != null && spec.chunkSize != null && spec.chunkSize.getNumericalAmount().signum() <= 0) {
      return "spec.chunkSize must be a positive size, e.g. 64Mi, not " + spec.chunkSize;
    }
    if (hasSource(disk) && (spec.source.objects.bucket == null || spec.source.objects.bucket.isBlank())) {
      return "spec.source.objects.bucket is missing: name the bucket holding the objects to import";
    }
    return null;
  }

  /** The command that fills this Disk from a workstation, naming its location only when it is not the default. */
  private static String putCommand(Disk disk, DiskLocation location) {
    String name = disk.getMetadata().getName();
    String namespace = disk.getMetadata().getNamespace();
    boolean defaultPrefix = location.prefix().equals("disks/" + namespace + "/" + name + "/");
    return "chainblock disk put " + name + " FILE..."
        + (defaultPrefix ? " -n " + namespace + " --bucket " + location.bucket() : " --at " + location.uri());
  }

  private static DiskStatus status(Disk disk, Phase phase, String ready, String reason, String message,
      DiskManifest manifest, Instant now) {
    DiskStatus status = new DiskStatus();
    status.phase = phase;
    status.chunks = manifest == null ? null : (long) manifest.chunks().size();
    status.bytes = manifest == null ? null : manifest.bytes();
    Condition previous = previousReady(disk);
    boolean changed = previous == null || !ready.equals(previous.getStatus());
    status.conditions = new ArrayList<>(List.of(new ConditionBuilder()
        .withType("Ready")
        .withStatus(ready)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(disk.getMetadata().getGeneration())
        .withLastTransitionTime(changed ? now.truncatedTo(ChronoUnit.SECONDS).toString() : previous.getLastTransitionTime())
        .build()));
    return status;
  }

  private static Condition previousReady(Disk disk) {
    if (disk.getStatus() == null || disk.getStatus().conditions == null) {
      return null;
    }
    return disk.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
  }
}
