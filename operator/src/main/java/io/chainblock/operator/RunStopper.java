package io.chainblock.operator;

import io.chainblock.operator.pipeline.RunLabels;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Stops a deleted pipeline's shards before its intermediates are deleted: a shard still running
 * would otherwise write objects after the deletion, and they would never be removed.
 */
final class RunStopper {
  private final KubernetesClient client;

  RunStopper(KubernetesClient client) {
    this.client = client;
  }

  /** Deletes the run's Jobs (their pods with them). @return whether no pod of the run is still running */
  boolean stop(String namespace, String uid) {
    // One by one: deleting by label selector would need the deletecollection permission.
    for (Job job : client.batch().v1().jobs().inNamespace(namespace).withLabel(RunLabels.RUN, uid).list().getItems()) {
      client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    return client.pods().inNamespace(namespace).withLabel(RunLabels.RUN, uid).list().getItems().stream()
        .noneMatch(RunStopper::mayStillWrite);
  }

  private static boolean mayStillWrite(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }
}
