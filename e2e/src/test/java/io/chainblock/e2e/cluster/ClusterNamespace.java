package io.chainblock.e2e.cluster;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.api.v1alpha1.Disk;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** One of the suite's namespaces: its pipelines, their Jobs and pods, and their data in MinIO. */
final class ClusterNamespace {
  static final String PIPELINE_LABEL = "chainblock.io/pipeline";
  static final String BLOCK_LABEL = "chainblock.io/block";
  static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

  private final Cluster cluster;
  private final String name;

  ClusterNamespace(Cluster cluster, String purpose) {
    this.cluster = cluster;
    this.name = cluster.namespace(purpose);
  }

  /** A pipeline file of the suite's own, from src/test/resources/cluster. */
  static Path pipelineFile(String name) {
    URL url = ClusterNamespace.class.getResource("/cluster/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource cluster/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(url.toString(), e);
    }
  }

  String name() {
    return name;
  }

  Cluster cluster() {
    return cluster;
  }

  KubernetesClient client() {
    return cluster.client();
  }

  /** {@code kubectl apply -f FILE}: the Disks and the pipeline it holds. */
  void apply(Path file) {
    cluster.kubectl().run("apply", "-n", name, "-f", file.toString());
  }

  ChainPipeline pipeline(String pipeline) {
    return client().resources(ChainPipeline.class).inNamespace(name).withName(pipeline).get();
  }

  /**
   * {@code kubectl wait --for=condition=CONDITION chainpipeline/NAME}, as a user waits for a run;
   * fails at once, with what the cluster shows, when the pipeline ends the other way.
   */
  ChainPipeline awaitCondition(String pipeline, String condition, Duration timeout) {
    CompletableFuture<Command> wait = CompletableFuture.supplyAsync(() -> cluster.kubectl().tryRun(timeout.plusSeconds(30),
        "wait", "-n", name, "--for=condition=" + condition, "chainpipeline/" + pipeline,
        "--timeout=" + timeout.toSeconds() + "s"), Thread.ofVirtual()::start);
    ChainPipelineStatus.Phase otherEnd = "Succeeded".equals(condition) ? ChainPipelineStatus.Phase.Failed
        : ChainPipelineStatus.Phase.Succeeded;
    Command waited = Await.until("kubectl wait --for=condition=" + condition + " chainpipeline/" + pipeline,
        timeout.plusSeconds(40), () -> {
          if (wait.isDone()) {
            return Optional.of(wait.join());
          }
          ChainPipeline current = pipeline(pipeline);
          if (current != null && current.getStatus() != null && current.getStatus().phase == otherEnd) {
            throw new AssertionError("pipeline " + pipeline + " ended " + otherEnd + " while the test waited for "
                + condition + ": " + current.getStatus().conditions + "\n" + diagnostics());
          }
          return Optional.empty();
        }, this::diagnostics);
    if (waited.exitCode() != 0) {
      throw new AssertionError("kubectl wait --for=condition=" + condition + " chainpipeline/" + pipeline + " exited "
          + waited.exitCode() + ": " + waited.err() + "\n" + diagnostics());
    }
    return pipeline(pipeline);
  }

  /**
   * The pipeline once its blocks' counters sum every succeeded shard ({@code status.blocks[].counted}
   * equals {@code succeeded}): a shard's report can reach the operator after its Job completed, and
   * the operator completes the counters then, also after the pipeline has ended.
   */
  ChainPipeline awaitCounted(String pipeline) {
    return Await.until("the counters of every succeeded shard of " + pipeline, Duration.ofMinutes(2),
        () -> Optional.ofNullable(pipeline(pipeline)).filter(p -> p.getStatus() != null && p.getStatus().blocks.stream()
            .allMatch(b -> b.succeeded == null || b.succeeded == 0 || b.succeeded.equals(b.counted))),
        this::diagnostics);
  }

  List<Job> jobs(String pipeline) {
    return client().batch().v1().jobs().inNamespace(name).withLabel(PIPELINE_LABEL, pipeline).list().getItems();
  }

  Optional<Job> job(String pipeline, String block) {
    return client().batch().v1().jobs().inNamespace(name).withLabel(PIPELINE_LABEL, pipeline)
        .withLabel(BLOCK_LABEL, block).list().getItems().stream().findFirst();
  }

  List<Pod> pods(String pipeline) {
    return client().pods().inNamespace(name).withLabel(PIPELINE_LABEL, pipeline).list().getItems();
  }

  List<Pod> pods(String pipeline, String block) {
    return client().pods().inNamespace(name).withLabel(PIPELINE_LABEL, pipeline).withLabel(BLOCK_LABEL, block)
        .list().getItems();
  }

  static int index(Pod pod) {
    return Integer.parseInt(pod.getMetadata().getAnnotations().get(INDEX_ANNOTATION));
  }

  /** The pod's log, empty while its container has not started. */
  String log(Pod pod) {
    try {
      return client().pods().inNamespace(name).withName(pod.getMetadata().getName()).getLog();
    } catch (RuntimeException notYet) {
      return "";
    }
  }

  Disk disk(String disk) {
    return client().resources(Disk.class).inNamespace(name).withName(disk).get();
  }

  /** Events about the pipeline, oldest first. */
  List<Event> events(String pipeline) {
    return client().v1().events().inNamespace(name).list().getItems().stream()
        .filter(e -> "ChainPipeline".equals(e.getInvolvedObject().getKind())
            && pipeline.equals(e.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(e -> e.getMetadata().getCreationTimestamp()))
        .toList();
  }

  /** Where {@code chainblock disk put} and the operator keep a Disk without spec.prefix. */
  String diskPrefix(String disk) {
    return "disks/" + name + "/" + disk + "/";
  }

  /** Where the operator keeps a run's intermediate objects. */
  String runPrefix(ChainPipeline pipeline) {
    return "runs/" + name + "/" + pipeline.getMetadata().getName() + "/" + pipeline.getMetadata().getUid() + "/";
  }

  /** The parts of an output Disk, by name, as MinIO holds them (the manifest left out). */
  Map<String, byte[]> outputParts(String disk) {
    Map<String, byte[]> parts = new TreeMap<>();
    String prefix = diskPrefix(disk);
    for (String key : cluster.store().list(prefix).keySet()) {
      String part = key.substring(prefix.length());
      if (!part.startsWith("_")) {
        parts.put(part, cluster.store().read(key));
      }
    }
    return parts;
  }

  String diskPut(String disk, List<Path> files, String... options) {
    return cluster.diskPut(name, disk, files, options);
  }

  String diagnostics() {
    return cluster.diagnostics(name);
  }
}
