package io.chainblock.operator;

import io.chainblock.api.v1alpha1.DiskStatus;
import java.time.Duration;

/**
 * What the Disk reconciler does next: the status to write, whether to start the import Job, and
 * when to look again (null: only when the Disk changes), since S3 cannot be watched.
 */
record DiskPlan(DiskStatus status, boolean createImportJob, Duration recheckAfter) {}
