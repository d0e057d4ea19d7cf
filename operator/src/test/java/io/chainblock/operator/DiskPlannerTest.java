package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.api.v1alpha1.DiskStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Disk decisions that need neither S3 nor a cluster. */
class DiskPlannerTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final DiskLocation AT = new DiskLocation("chainblock", "disks/ns/d/");

  @Test
  void aBadSpecFailsTheDiskNamingTheField() {
    DiskSpec zero = new DiskSpec();
    zero.chunkSize = new Quantity("0");
    DiskSpec noBucket = new DiskSpec();
    noBucket.source = new DiskSpec.DiskSource();
    noBucket.source.objects = new DiskSpec.ObjectSource();

    DiskPlan badSize = DiskPlanner.plan(disk("d", zero), seen(ImportJobState.absent("d-import"), null), NOW);
    DiskPlan badSource = DiskPlanner.plan(disk("d", noBucket), seen(ImportJobState.absent("d-import"), null), NOW);

    assertThat(badSize.status().phase).isEqualTo(DiskStatus.Phase.Failed);
    assertThat(ready(badSize).getReason()).isEqualTo("InvalidSpec");
    assertThat(ready(badSize).getMessage()).contains("spec.chunkSize must be a positive size, e.g. 64Mi");
    assertThat(ready(badSource).getMessage()).contains("spec.source.objects.bucket is missing");
    assertThat(badSource.createImportJob()).isFalse();
    assertThat(badSource.recheckAfter()).isNull();
  }

  @Test
  void anUnreachableStoreKeepsThePhaseAndMakesReadyUnknown() {
    Disk disk = disk("d", new DiskSpec());
    disk.setStatus(new DiskStatus());
    disk.getStatus().phase = DiskStatus.Phase.Ready;

    DiskPlan plan = DiskPlanner.plan(disk, seen(ImportJobState.absent("d-import"), "cannot reach http://minio:9000"), NOW);

    assertThat(plan.status().phase).isEqualTo(DiskStatus.Phase.Ready);
    assertThat(ready(plan).getStatus()).isEqualTo("Unknown");
    assertThat(ready(plan).getReason()).isEqualTo("StorageUnavailable");
    assertThat(plan.recheckAfter()).isEqualTo(DiskPlanner.WHILE_UNREACHABLE);
  }

  @Test
  void anImportThatSucceededWithoutAManifestIsAFailure() {
    DiskPlan plan = DiskPlanner.plan(disk("d", importing()),
        seen(new ImportJobState(ImportJobState.Phase.SUCCEEDED, "d-import", null), null), NOW);

    assertThat(plan.status().phase).isEqualTo(DiskStatus.Phase.Failed);
    assertThat(ready(plan).getMessage()).contains("finished but left no manifest at s3://chainblock/disks/ns/d/_manifest.json");
  }

  @Test
  void aLongDiskNameGivesAJobNameThatFitsALabel() {
    String name = "a".repeat(70);

    String job = ImportJobs.name(disk(name, new DiskSpec()));

    assertThat(job).hasSizeLessThanOrEqualTo(63).endsWith("-import").startsWith("aaaa");
    assertThat(ImportJobs.name(disk(name + "b", new DiskSpec()))).isNotEqualTo(job);
  }

  private static DiskSpec importing() {
    DiskSpec spec = new DiskSpec();
    spec.source = new DiskSpec.DiskSource();
    spec.source.objects = new DiskSpec.ObjectSource();
    spec.source.objects.bucket = "raw";
    return spec;
  }

  private static DiskObservation seen(ImportJobState job, String storageError) {
    return new DiskObservation(AT, "http://minio:9000", true, null, null, job, storageError);
  }

  private static Disk disk(String name, DiskSpec spec) {
    Disk disk = new Disk();
    disk.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withGeneration(1L).build());
    disk.setSpec(spec);
    return disk;
  }

  private static Condition ready(DiskPlan plan) {
    return plan.status().conditions.getFirst();
  }
}
