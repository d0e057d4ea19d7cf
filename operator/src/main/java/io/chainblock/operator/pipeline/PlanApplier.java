package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a plan's objects to the cluster, in the order that keeps a crash anywhere harmless: the
 * plan ConfigMap before the Jobs mounting it, the output manifest before the status says Succeeded
 * (the status is the caller's last step). Creating what already exists is not an error: names are
 * deterministic, so it is the same object, created by an earlier try or another operator instance.
 */
final class PlanApplier {
  private final KubernetesClient client;
  private final OutputCommitter outputs;

  PlanApplier(KubernetesClient client, OutputCommitter outputs) {
    this.client = client;
    this.outputs = outputs;
  }

  /** @param created told of every object created, so the caller's caches know of it before its watch event */
  void apply(ChainPipeline pipeline, ReconcilePlan plan, Consumer<HasMetadata> created) throws IOException {
    String namespace = pipeline.getMetadata().getNamespace();
    if (plan.configMap() != null) {
      create(plan.configMap(), created);
    }
    for (Job job : plan.jobsToCreate()) {
      create(job, created);
    }
    for (ReconcilePlan.JobPatch patch : plan.jobsToPatch()) {
      Map<String, Object> spec = new LinkedHashMap<>();
      if (patch.parallelism() != null) {
        spec.put("parallelism", patch.parallelism());
      }
      if (patch.suspend() != null) {
        spec.put("suspend", patch.suspend());
      }
      client.batch().v1().jobs().inNamespace(namespace).withName(patch.job())
          .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", spec)));
    }
    if (plan.outputCommit() != null) {
      outputs.commit(namespace, plan.outputCommit());
    }
  }

  private void create(HasMetadata resource, Consumer<HasMetadata> created) {
    try {
      created.accept(client.resource(resource).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }
}
