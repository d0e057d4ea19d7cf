package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Plays, in one namespace of a real API server, the parts of a cluster that the server alone lacks:
 * the Job controller (its shard pods and the Job status it writes, step by step as the 1.34
 * controller does) and the kubelet (pods running, then terminated with the shard's termination
 * message). Like the Job controller it watches the namespace's Jobs, which tells tests in which
 * order Jobs appeared and which had completed by then. Waits poll the API server until a state
 * appears or a generous deadline passes; they assert no timing.
 */
final class JobController implements AutoCloseable {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final KubernetesClient client;
  private final String namespace;
  private final Watch watch;
  private final List<Appearance> appearances = new ArrayList<>();
  private final Set<String> complete = new HashSet<>();

  /**
   * A Job as it appeared.
   *
   * @param completeBefore the Jobs that had completed when it appeared
   */
  record Appearance(String name, String uid, Set<String> completeBefore) {}

  /** Watches a namespace of its own, named {@code prefix-RANDOM}, created for the test. */
  static JobController inNewNamespace(KubernetesClient client, String prefix) {
    String namespace = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    createNamespace(client, namespace);
    return new JobController(client, namespace);
  }

  static void createNamespace(KubernetesClient client, String namespace) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  private JobController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    // From the version the list was at, so no Job created after it is missed.
    String version = client.batch().v1().jobs().inNamespace(namespace).list().getMetadata().getResourceVersion();
    this.watch = client.batch().v1().jobs().inNamespace(namespace)
        .watch(new ListOptionsBuilder().withResourceVersion(version).build(), new Watcher<>() {
          @Override
          public void eventReceived(Action action, Job job) {
            seen(action, job);
          }

          @Override
          public void onClose(WatcherException cause) {}
        });
  }

  String namespace() {
    return namespace;
  }

  private synchronized void seen(Watcher.Action action, Job job) {
    String name = job.getMetadata().getName();
    if (action == Watcher.Action.ADDED) {
      appearances.add(new Appearance(name, job.getMetadata().getUid(), Set.copyOf(complete)));
    }
    if (JobProgress.of(job).complete()) {
      complete.add(name);
    }
  }

  /**
   * The Jobs that appeared, in the order the API server created them, once {@code count} have: one
   * Job created twice appears twice.
   */
  List<Appearance> appearances(int count) {
    return await(count + " Jobs appeared", () -> Optional.of(appeared()).filter(seen -> seen.size() >= count));
  }

  private synchronized List<Appearance> appeared() {
    return List.copyOf(appearances);
  }

  Job awaitJob(String name) {
    return await("Job " + name, () -> Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace)
        .withName(name).get()));
  }

  ChainPipeline awaitPipeline(String name, Predicate<ChainPipeline> state, String what) {
    return await("pipeline " + name + " " + what, () -> Optional.ofNullable(client.resources(ChainPipeline.class)
        .inNamespace(namespace).withName(name).get()).filter(p -> p.getStatus() != null && state.test(p)));
  }

  List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
  }

  /** Every shard succeeded, each reporting {@code recordsIn} records in and out and ten bytes a record. */
  void complete(String jobName, long recordsIn) {
    completeBeforeReports(jobName, recordsIn);
  }

  /**
   * Every shard succeeded, as in {@link #complete}, but the kubelet's status of the {@code late}
   * shards' pods is written after the Job's Complete: what the operator sees when its pod watch lags
   * its Job watch. {@link #report} writes it.
   *
   * @return the late shards' pods
   */
  List<Pod> completeBeforeReports(String jobName, long recordsIn, int... late) {
    Job job = start(jobName);
    Set<Integer> lateIndexes = Arrays.stream(late).boxed().collect(Collectors.toSet());
    List<Pod> running = new ArrayList<>();
    for (int i = 0; i < job.getSpec().getCompletions(); i++) {
      Pod pod = createPod(job, i, 0);
      if (lateIndexes.contains(i)) {
        running.add(writeStatus(Fixtures.shardRunning(pod, Instant.now())));
      } else {
        writeStatus(ended(pod, i, recordsIn));
      }
    }
    updateStatus(jobName, j -> Fixtures.successCriteriaMet(j, Instant.now()));
    updateStatus(jobName, j -> Fixtures.complete(j, Instant.now()));
    return running;
  }

  /** The kubelet's status of a shard pod that succeeded with {@code recordsIn} records in and out. */
  void report(Pod pod, long recordsIn) {
    int index = Integer.parseInt(pod.getMetadata().getAnnotations().get(ShardReport.INDEX_ANNOTATION));
    writeStatus(ended(client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get(), index,
        recordsIn));
  }

  private static Pod ended(Pod pod, int index, long recordsIn) {
    return Fixtures.shardEnded(pod, 0, Fixtures.counters(index, recordsIn, recordsIn, recordsIn * 10, recordsIn * 10),
        Instant.now());
  }

  /** Shard {@code index} failed for good with the shard's own {@code error}: its exit code says user error. */
  void fail(String jobName, int index, String error) {
    Job job = start(jobName);
    Pod pod = createPod(job, index, 0);
    writeStatus(Fixtures.shardEnded(pod, 65, "{\"phase\":\"Failed\",\"recordsIn\":0,\"error\":\"" + error + "\"}",
        Instant.now()));
    updateStatus(jobName, j -> Fixtures.failureTarget(j, String.valueOf(index), 0, Instant.now()));
    updateStatus(jobName, j -> Fixtures.failed(j, String.valueOf(index), 0, Instant.now()));
  }

  /** The pod of shard {@code index} runs, until {@link #kill} ends it. */
  Pod run(String jobName, int index) {
    return writeStatus(Fixtures.shardRunning(createPod(start(jobName), index, 0), Instant.now()));
  }

  /** The kubelet stopped the pod with SIGTERM, as it does when the pod is deleted. */
  void kill(Pod pod) {
    writeStatus(Fixtures.shardEnded(client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get(),
        143, "", Instant.now()));
  }

  /** The Job controller has started the Job, unless it had already. */
  private Job start(String jobName) {
    Job job = awaitJob(jobName);
    if (job.getStatus() != null && job.getStatus().getStartTime() != null) {
      return job;
    }
    return updateStatus(jobName, j -> Fixtures.started(j, Instant.now()));
  }

  private Job updateStatus(String jobName, UnaryOperator<Job> change) {
    return client.batch().v1().jobs().inNamespace(namespace).withName(jobName).editStatus(change);
  }

  private Pod createPod(Job job, int index, int attempt) {
    return client.pods().inNamespace(namespace).resource(Fixtures.shardPod(job, index, attempt)).create();
  }

  private Pod writeStatus(Pod pod) {
    return client.pods().inNamespace(namespace).resource(pod).updateStatus();
  }

  @Override
  public void close() {
    watch.close();
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
