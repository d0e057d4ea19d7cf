package io.chainblock.operator;

import io.chainblock.api.v1alpha1.Disk;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.net.HttpURLConnection;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a Disk's status in step with S3: Ready with chunks and bytes once its manifest exists,
 * Filling while an import Job re-chunks {@code spec.source.objects}, otherwise Pending or Failed
 * with a reason. S3 cannot be watched, so a Disk is looked at again on a schedule.
 */
@ControllerConfiguration(name = DiskReconciler.NAME)
public final class DiskReconciler implements Reconciler<Disk> {
  /** The controller's name in logs and in the {@code controller} tag of the reconcile metrics. */
  public static final String NAME = "disk";
  private static final Logger LOG = LoggerFactory.getLogger(DiskReconciler.class);

  private final DiskObserver observer;
  private final ImportJobs jobs;
  private final String defaultBucket;
  private final Clock clock;

  public DiskReconciler(KubernetesClient client, S3Access s3, OperatorConfig config,
      Clock clock) {
    this.jobs = new ImportJobs(client, config);
    this.observer = new DiskObserver(s3, jobs, config.bucket());
    this.defaultBucket = config.bucket();
    this.clock = clock;
  }

  @Override
  public UpdateControl<Disk> reconcile(Disk disk, Context<Disk> context) {
    DiskObservation seen = observer.observe(disk);
    DiskPlan plan = DiskPlanner.plan(disk, seen, clock.instant());
    if (plan.createImportJob()) {
      createImportJob(disk);
    }
    boolean unchanged = disk.getStatus() != null
        && Serialization.asJson(disk.getStatus()).equals(Serialization.asJson(plan.status()));
    UpdateControl<Disk> control;
    if (unchanged) {
      control = UpdateControl.noUpdate();
    } else {
      LOG.atInfo().addKeyValue("namespace", disk.getMetadata().getNamespace())
          .addKeyValue("disk", disk.getMetadata().getName())
          .addKeyValue("phase", plan.status().phase)
          .addKeyValue("reason", plan.status().conditions.getFirst().getReason())
          .log(plan.status().conditions.getFirst().getMessage());
      disk.setStatus(plan.status());
      control = UpdateControl.patchStatus(disk);
    }
    return plan.recheckAfter() == null ? control : control.rescheduleAfter(plan.recheckAfter());
  }

  private void createImportJob(Disk disk) {
    try {
      jobs.create(disk, DiskLocation.of(disk, defaultBucket));
    } catch (KubernetesClientException e) {
      // Created by an earlier reconcile whose status write was lost: the next look finds it.
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }
}
