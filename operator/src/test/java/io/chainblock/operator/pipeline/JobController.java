package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Plays the parts of the cluster that an API server alone lacks: the Job controller (Job status)
 * and the kubelet (terminated shard pods with their termination messages). Waits poll the API
 * server until a state appears or a generous deadline passes; they assert no timing.
 */
final class JobController {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private final KubernetesClient client;
  private final String namespace;

  JobController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  Job awaitJob(String name) {
    return await("Job " + name, () -> Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace)
        .withName(name).get()));
  }

  ChainPipeline awaitPipeline(String name, Predicate<ChainPipeline> state, String what) {
    return await("pipeline " + name + " " + what, () -> Optional.ofNullable(client.resources(ChainPipeline.class)
        .inNamespace(namespace).withName(name).get()).filter(p -> p.getStatus() != null && state.test(p)));
  }

  /** Every shard succeeded, each reporting {@code recordsIn} records. */
  void complete(String jobName, long recordsIn) {
    Job job = awaitJob(jobName);
    int shards = job.getSpec().getCompletions();
    for (int i = 0; i < shards; i++) {
      pod(job, i, 0, 0, Fixtures.counters(i, recordsIn, recordsIn, recordsIn * 10, recordsIn * 10));
    }
    Instant now = Instant.now();
    client.batch().v1().jobs().inNamespace(namespace).resource(Fixtures.complete(job, now)).updateStatus();
  }

  /** Shard {@code index} failed for good with the shard's own {@code error}. */
  void fail(String jobName, int index, String error) {
    Job job = awaitJob(jobName);
    pod(job, index, 0, 65, "{\"phase\":\"Failed\",\"recordsIn\":0,\"error\":\"" + error + "\"}");
    client.batch().v1().jobs().inNamespace(namespace)
        .resource(Fixtures.failed(job, String.valueOf(index), 0, Instant.now())).updateStatus();
  }

  private void pod(Job job, int index, int attempt, int exitCode, String message) {
    Pod pod = Fixtures.shardPod(job, index, attempt, exitCode, message);
    Pod created = client.pods().inNamespace(namespace).resource(withoutStatus(pod)).create();
    created.setStatus(pod.getStatus());
    client.pods().inNamespace(namespace).resource(created).updateStatus();
  }

  private static Pod withoutStatus(Pod pod) {
    return new PodBuilder(pod).withStatus(null).editOrNewSpec()
        .addNewContainer().withName(ShardPodTemplate.CONTAINER).withImage("chainblock/runtime:test").endContainer()
        .endSpec().build();
  }

  List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
  }

  static <T> T await(String what, Supplier<Optional<T>> probe) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("gave up waiting for " + what);
  }
}
