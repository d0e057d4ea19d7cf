import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.api.v1alpha1.DiskSpec;
import io.chainblock.engine.source.DiskFormat;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StorageUris;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver of e2e/bench/operator-latency.sh. Applies many ChainPipelines at once to a bare
 * kube-apiserver watched by the real operator, plays the Job controller and the kubelet for the
 * Jobs the operator creates, and measures on its own clock how long each pipeline waits for the
 * operator:
 * <ul>
 *   <li>transition: the status write that completes a block's Job returned → the next block's Job
 *       arrives on this driver's watch (a Job's creationTimestamp has whole seconds only);
 *   <li>start: the pipeline's create returned → its first Job arrives;
 *   <li>finish: the last Job's completing write returned → the pipeline's Succeeded status arrives
 *       (the operator writes the output manifest to S3 first).
 * </ul>
 * A stall is any of these waits above {@code --stall-seconds}, or a pipeline that never finishes.
 * Writes results.json and transitions.tsv into {@code --out}.
 */
public final class OperatorLatency {
  private static final String RUN_LABEL = "chainblock.io/run";
  private static final String BLOCK_LABEL = "chainblock.io/block";
  private static final String PIPELINE_ANNOTATION = "chainblock.io/pipeline-name";
  private static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
  private static final String SHARD_CONTAINER = "shard";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Options options;
  private final KubernetesClient client;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService cluster;
  private final Random random;
  private final CountDownLatch finished;
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private OperatorLatency(Options options, KubernetesClient client) {
    this.options = options;
    this.client = client;
    this.random = new Random(options.seed);
    this.finished = new CountDownLatch(options.pipelines);
    // The Job controller and kubelets of a real cluster write concurrently too; these threads only
    // wait on the API server.
    this.cluster = Executors.newScheduledThreadPool(options.writers, daemon("cluster"));
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      new OperatorLatency(options, client).run();
    }
    // The client's and the executors' threads would keep a finished benchmark alive.
    System.exit(0);
  }

  private void run() throws Exception {
    prepare();
    Watch jobs = client.batch().v1().jobs().inNamespace(options.namespace).withLabel(RUN_LABEL)
        .watch(watcher(this::jobEvent));
    Watch pipelines = client.resources(ChainPipeline.class).inNamespace(options.namespace)
        .watch(watcher(this::pipelineEvent));
    Map<String, Double> metricsBefore = options.metricsUrl == null ? Map.of() : samples(scrape(options.metricsUrl));
    log("applying %d pipelines of %d blocks × %d shards; a Job runs %d–%d ms", options.pipelines,
        options.blocks, options.shards, options.runMinMillis, options.runMaxMillis);
    long start = System.nanoTime();
    ExecutorService appliers = Executors.newFixedThreadPool(options.appliers, daemon("apply"));
    for (int i = 0; i < options.pipelines; i++) {
      Run run = new Run(String.format("%s-%03d", options.prefix, i), options.blocks);
      runs.put(run.name, run);
      appliers.execute(() -> apply(run));
    }
    appliers.shutdown();
    long deadline = start + TimeUnit.SECONDS.toNanos(options.timeoutSeconds);
    while (!finished.await(5, TimeUnit.SECONDS) && failure.get() == null && System.nanoTime() < deadline) {
      progress(start);
    }
    long end = System.nanoTime();
    progress(start);
    jobs.close();
    pipelines.close();
    cluster.shutdownNow();
    if (failure.get() != null) {
      throw new IllegalStateException("the driver failed", failure.get());
    }
    report(start, end, metricsBefore);
  }

  /** The namespace, and the input Disk every pipeline reads, filled with one chunk in S3; again for a second batch. */
  private void prepare() throws IOException {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(options.namespace).endMetadata()
        .build()).serverSideApply();
    String prefix = "s3://" + options.bucket + "/disks/" + options.namespace + "/corpus/";
    try (Storage storage = StorageUris.open(prefix)) {
      ((S3Storage) storage).createBucketIfMissing();
      try (StorageOutput out = storage.create("part-0")) {
        out.write("the quick brown fox\n".getBytes(StandardCharsets.UTF_8));
      }
      DiskManifest.of(storage, "", "corpus", DiskFormat.TEXT).write(storage, "");
    } catch (Exception e) {
      throw new IOException("cannot write the corpus Disk under " + prefix + ": " + e.getMessage(), e);
    }
    Disk corpus = new Disk();
    corpus.setMetadata(new ObjectMetaBuilder().withName("corpus").withNamespace(options.namespace).build());
    corpus.setSpec(new DiskSpec());
    client.resource(corpus).serverSideApply();
  }

  private void apply(Run run) {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: chainblock.io/v1alpha1
        kind: ChainPipeline
        metadata: {name: %s, namespace: %s}
        spec:
          blocks:
        """.formatted(run.name, options.namespace));
    for (int b = 0; b < options.blocks; b++) {
      yaml.append(b == 0
          ? "    - {name: b0, shards: %d, source: {disk: corpus}, function: {builtin: tokenize}}\n".formatted(options.shards)
          : "    - {name: b%d, shards: %d, inputs: [b%d], function: {builtin: sum}}\n".formatted(b, options.shards, b - 1));
    }
    yaml.append("  output: {disk: out-%s, format: tsv}\n".formatted(run.name));
    guarded(() -> {
      client.resource(client.getKubernetesSerialization().unmarshal(yaml.toString(), ChainPipeline.class)).create();
      run.applied = System.nanoTime();
    });
  }

  private void jobEvent(Watcher.Action action, Job job) {
    long seen = System.nanoTime();
    if (action != Watcher.Action.ADDED) {
      return;
    }
    Run run = runs.get(job.getMetadata().getAnnotations().get(PIPELINE_ANNOTATION));
    int block = Integer.parseInt(job.getMetadata().getLabels().get(BLOCK_LABEL).substring(1));
    if (run == null || !run.jobSeen(block, seen)) {
      return;
    }
    long runMillis = options.runMinMillis + (options.runMaxMillis > options.runMinMillis
        ? random.nextInt(options.runMaxMillis - options.runMinMillis + 1) : 0);
    long endsAt = seen + TimeUnit.MILLISECONDS.toNanos(runMillis);
    cluster.execute(() -> guarded(() -> {
      startJob(job);
      // The pods must exist before their status can say they ended.
      cluster.schedule(() -> guarded(() -> completeJob(run, block, job)), endsAt - System.nanoTime(),
          TimeUnit.NANOSECONDS);
    }));
  }

  private void pipelineEvent(Watcher.Action action, ChainPipeline pipeline) {
    long seen = System.nanoTime();
    var status = pipeline.getStatus();
    Run run = runs.get(pipeline.getMetadata().getName());
    if (run == null || status == null || status.phase == null) {
      return;
    }
    String phase = status.phase.toString();
    if ((phase.equals("Succeeded") || phase.equals("Failed")) && run.finished(phase, seen)) {
      finished.countDown();
    }
  }

  /** What the Job controller does first: the shard pods, and the Job's start in its status. */
  private void startJob(Job job) {
    for (int i = 0; i < options.shards; i++) {
      var template = job.getSpec().getTemplate();
      Map<String, String> annotations = new LinkedHashMap<>();
      if (template.getMetadata().getAnnotations() != null) {
        annotations.putAll(template.getMetadata().getAnnotations());
      }
      annotations.put(INDEX_ANNOTATION, String.valueOf(i));
      annotations.putIfAbsent(PIPELINE_ANNOTATION, job.getMetadata().getAnnotations().get(PIPELINE_ANNOTATION));
      Pod pod = new PodBuilder()
          .withNewMetadata()
          .withName(job.getMetadata().getName() + "-" + i)
          .withNamespace(options.namespace)
          .withLabels(template.getMetadata().getLabels())
          .withAnnotations(annotations)
          .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
              .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
              .withController(true).withBlockOwnerDeletion(true).build())
          .endMetadata()
          .withSpec(template.getSpec())
          .build();
      client.pods().inNamespace(options.namespace).resource(pod).create();
      writes.incrementAndGet();
    }
    patchJobStatus(job, Map.of("startTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        "active", options.shards, "ready", 0, "terminating", 0));
  }

  /**
   * The shards end (the kubelet's pod status with the counters as termination message), then the
   * Job controller's two writes: SuccessCriteriaMet with the counts, then Complete with the
   * completion time, which the real API server accepts only in that order.
   */
  private void completeJob(Run run, int block, Job job) {
    String now = Instant.now().toString();
    for (int i = 0; i < options.shards; i++) {
      String message = "{\"shard\":\"b%d/%d attempt 0\",\"phase\":\"Succeeded\",\"recordsIn\":10,\"recordsOut\":10,"
          .formatted(block, i) + "\"bytesIn\":100,\"bytesOut\":100,\"spills\":0,\"seconds\":1.0}";
      Map<String, Object> terminated = Map.of("exitCode", 0, "reason", "Completed", "message", message,
          "startedAt", now, "finishedAt", now);
      Map<String, Object> container = Map.of("name", SHARD_CONTAINER, "image", job.getSpec().getTemplate().getSpec()
          .getContainers().getFirst().getImage(), "imageID", "", "ready", false, "restartCount", 0,
          "state", Map.of("terminated", terminated));
      Pod pod = new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-" + i)
          .withNamespace(options.namespace).endMetadata().build();
      patchStatus(client.pods().resource(pod), Map.of("phase", "Succeeded", "containerStatuses", List.of(container)));
    }
    String completed = options.shards == 1 ? "0" : "0-" + (options.shards - 1);
    Map<String, Object> criteriaMet = condition("SuccessCriteriaMet", now);
    patchJobStatus(job, Map.of("active", 0, "ready", 0, "terminating", 0, "succeeded", options.shards,
        "completedIndexes", completed, "uncountedTerminatedPods", Map.of(), "conditions", List.of(criteriaMet)));
    Instant completionTime = Instant.now();
    long sent = System.nanoTime();
    patchJobStatus(job, Map.of("completionTime", completionTime.toString(),
        "conditions", List.of(criteriaMet, condition("Complete", completionTime.toString()))));
    run.completed(block, sent, System.nanoTime(), completionTime);
  }

  private static Map<String, Object> condition(String type, String at) {
    return Map.of("type", type, "status", "True", "reason", "CompletionsReached",
        "message", "Reached expected number of succeeded pods", "lastProbeTime", at, "lastTransitionTime", at);
  }

  private void patchJobStatus(Job job, Map<String, Object> status) {
    patchStatus(client.batch().v1().jobs().resource(job), status);
  }

  /** A merge patch of the status; given the object, Fabric8 sends the patch without reading the object first. */
  private void patchStatus(io.fabric8.kubernetes.client.dsl.Resource<?> resource, Map<String, Object> status) {
    try {
      resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
          JSON.writeValueAsString(Map.of("status", status)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    writes.incrementAndGet();
  }

  private void progress(long start) {
    long applied = runs.values().stream().filter(r -> r.applied != 0).count();
    long jobs = runs.values().stream().mapToLong(Run::jobsSeen).sum();
    long completed = runs.values().stream().mapToLong(Run::jobsCompleted).sum();
    log("%5.1f s: %d applied, %d Jobs seen, %d completed, %d pipelines finished, %d writes",
        (System.nanoTime() - start) / 1e9, applied, jobs, completed, options.pipelines - finished.getCount(),
        writes.get());
  }

  private void report(long start, long end, Map<String, Double> metricsBefore) throws Exception {
    List<Wait> transitions = new ArrayList<>();
    List<Wait> starts = new ArrayList<>();
    List<Wait> finishes = new ArrayList<>();
    List<String> stalls = new ArrayList<>();
    long stallNanos = TimeUnit.SECONDS.toNanos(options.stallSeconds);
    long lastFinish = start;
    int failed = 0;
    int unfinished = 0;
    Files.createDirectories(options.out);
    try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(options.out.resolve("transitions.tsv")))) {
      tsv.println("pipeline\tto_block\tfrom_return_ms\tfrom_send_ms\tsince_completion_time_ms");
      for (Run run : new TreeMap<>(runs).values()) {
        synchronized (run) {
          if (run.applied != 0 && run.seen[0] != 0) {
            starts.add(new Wait(run.name, 0, run.seen[0] - run.applied, 0, 0));
          }
          for (int b = 1; b < options.blocks; b++) {
            if (run.seen[b] != 0 && run.completeReturned[b - 1] != 0) {
              // The operator's own timer starts at the Job's completionTime, which the API server
              // keeps in whole seconds: the same wait measured that way, for the cross-check.
              long sinceCompletionTime = run.seen[b] - run.completeSent[b - 1]
                  + run.completionTime[b - 1].getNano();
              Wait wait = new Wait(run.name, b, run.seen[b] - run.completeReturned[b - 1],
                  run.seen[b] - run.completeSent[b - 1], sinceCompletionTime);
              transitions.add(wait);
              tsv.printf("%s\tb%d\t%.3f\t%.3f\t%.3f%n", run.name, b, wait.nanos / 1e6, wait.fromSendNanos / 1e6,
                  sinceCompletionTime / 1e6);
            }
          }
          int last = options.blocks - 1;
          if (run.finishedAt != 0 && run.completeReturned[last] != 0) {
            finishes.add(new Wait(run.name, last, run.finishedAt - run.completeReturned[last], 0, 0));
          }
          if (run.finishedAt == 0) {
            unfinished++;
            stalls.add(run.name + " never finished: " + run.describe());
          } else {
            lastFinish = Math.max(lastFinish, run.finishedAt);
            if (!"Succeeded".equals(run.phase)) {
              failed++;
            }
          }
        }
      }
    }
    for (List<Wait> waits : List.of(starts, transitions, finishes)) {
      for (Wait wait : waits) {
        if (wait.nanos > stallNanos) {
          stalls.add("%s waited %.1f s for the operator before block b%d".formatted(wait.pipeline, wait.nanos / 1e9,
              wait.block));
        }
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("pipelines", options.pipelines);
    results.put("blocks", options.blocks);
    results.put("shards", options.shards);
    results.put("jobRunMillis", List.of(options.runMinMillis, options.runMaxMillis));
    results.put("wallSeconds", round((lastFinish - start) / 1e9));
    results.put("driverSeconds", round((end - start) / 1e9));
    results.put("writes", writes.get());
    results.put("transition", summary(transitions.stream().mapToLong(w -> w.nanos).toArray()));
    results.put("transitionFromSend", summary(transitions.stream().mapToLong(w -> w.fromSendNanos).toArray()));
    results.put("transitionSinceCompletionTime",
        summary(transitions.stream().mapToLong(w -> w.sinceCompletionTimeNanos).toArray()));
    results.put("start", summary(starts.stream().mapToLong(w -> w.nanos).toArray()));
    results.put("finish", summary(finishes.stream().mapToLong(w -> w.nanos).toArray()));
    results.put("stallSeconds", options.stallSeconds);
    results.put("stalls", stalls.size());
    results.put("stallList", stalls.stream().limit(20).toList());
    results.put("failed", failed);
    results.put("unfinished", unfinished);
    if (options.metricsUrl != null) {
      results.put("operator", operatorMetrics(metricsBefore, samples(scrape(options.metricsUrl))));
    }
    Files.writeString(options.out.resolve("results.json"), JSON.writeValueAsString(results));
    log("transitions: %s", results.get("transition"));
    log("stalls: %d, failed: %d, unfinished: %d", stalls.size(), failed, unfinished);
  }

  /** Count, mean and nearest-rank percentiles in seconds. */
  private static Map<String, Object> summary(long[] nanos) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("count", nanos.length);
    if (nanos.length == 0) {
      return s;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    s.put("min", round(sorted[0] / 1e9));
    s.put("p50", round(percentile(sorted, 0.50) / 1e9));
    s.put("p90", round(percentile(sorted, 0.90) / 1e9));
    s.put("p99", round(percentile(sorted, 0.99) / 1e9));
    s.put("max", round(sorted[sorted.length - 1] / 1e9));
    s.put("mean", round(Arrays.stream(sorted).average().orElse(0) / 1e9));
    return s;
  }

  private static long percentile(long[] sorted, double q) {
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10000) / 10000.0;
  }

  private static String scrape(String url) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE);
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  /** Every sample of a Prometheus text exposition, by name and labels. */
  static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    Matcher sample = SAMPLE.matcher(text);
    while (sample.find()) {
      samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3)));
    }
    return samples;
  }

  /**
   * What the operator's own meters counted between two scrapes (an earlier batch of pipelines is
   * left out): its block-transition timer (a Job's completionTime → its reconcile deciding to
   * create the next Job), with percentiles interpolated in the histogram's buckets as Prometheus'
   * histogram_quantile does, and its reconciles.
   */
  static Map<String, Object> operatorMetrics(Map<String, Double> before, Map<String, Double> after) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    Map<String, Object> reconciles = new TreeMap<>();
    double count = 0;
    double sum = 0;
    for (var sample : after.entrySet()) {
      String key = sample.getKey();
      double value = sample.getValue() - before.getOrDefault(key, 0.0);
      if (key.startsWith("chainblock_block_transition_seconds_bucket")) {
        Matcher le = LE.matcher(key);
        if (le.find()) {
          buckets.put(le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1)), value);
        }
      } else if (key.equals("chainblock_block_transition_seconds_count")) {
        count = value;
      } else if (key.equals("chainblock_block_transition_seconds_sum")) {
        sum = value;
      } else if (key.startsWith("chainblock_reconcile_seconds_count") || key.startsWith("chainblock_reconcile_seconds_sum")) {
        reconciles.put(key.substring("chainblock_reconcile_seconds_".length()), round(value));
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transitionCount", (long) count);
    m.put("transitionMean", count == 0 ? null : round(sum / count));
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      m.put("transitionP" + Math.round(q * 100), quantile(buckets, count, q));
    }
    m.put("reconciles", reconciles);
    return m;
  }

  private static Double quantile(TreeMap<Double, Double> buckets, double count, double q) {
    if (count == 0) {
      return null;
    }
    double rank = q * count;
    double lower = 0;
    double below = 0;
    for (var bucket : buckets.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey().isInfinite()) {
          return round(lower);
        }
        double inBucket = bucket.getValue() - below;
        return round(lower + (bucket.getKey() - lower) * (inBucket == 0 ? 1 : (rank - below) / inBucket));
      }
      lower = bucket.getKey();
      below = bucket.getValue();
    }
    return null;
  }

  private <T> Watcher<T> watcher(java.util.function.BiConsumer<Watcher.Action, T> handler) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        guarded(() -> handler.accept(action, resource));
      }

      @Override
      public void onClose(WatcherException cause) {
        failure.compareAndSet(null, cause);
      }
    };
  }

  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (Throwable t) {
      if (failure.compareAndSet(null, t)) {
        t.printStackTrace();
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void log(String format, Object... args) {
    System.err.printf("%s [driver] %s%n", java.time.LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
        String.format(format, args));
  }

  /** One wait for the operator, in driver nanoseconds. */
  private record Wait(String pipeline, int block, long nanos, long fromSendNanos, long sinceCompletionTimeNanos) {}

  /** What the driver saw of one pipeline, in its own System.nanoTime(); 0 is "not yet". */
  private static final class Run {
    final String name;
    volatile long applied;
    final long[] seen;
    final long[] completeSent;
    final long[] completeReturned;
    final Instant[] completionTime;
    long finishedAt;
    String phase;

    Run(String name, int blocks) {
      this.name = name;
      this.seen = new long[blocks];
      this.completeSent = new long[blocks];
      this.completeReturned = new long[blocks];
      this.completionTime = new Instant[blocks];
    }

    /** False when the block's Job was seen before (a watch that reconnected sends it again). */
    synchronized boolean jobSeen(int block, long at) {
      if (seen[block] != 0) {
        return false;
      }
      seen[block] = at;
      return true;
    }

    synchronized void completed(int block, long sent, long returned, Instant time) {
      completeSent[block] = sent;
      completeReturned[block] = returned;
      completionTime[block] = time;
    }

    synchronized boolean finished(String phase, long at) {
      if (finishedAt != 0) {
        return false;
      }
      this.phase = phase;
      finishedAt = at;
      return true;
    }

    synchronized long jobsSeen() {
      return Arrays.stream(seen).filter(t -> t != 0).count();
    }

    synchronized long jobsCompleted() {
      return Arrays.stream(completeReturned).filter(t -> t != 0).count();
    }

    synchronized String describe() {
      return "Jobs seen " + jobsSeen() + ", completed " + jobsCompleted();
    }
  }

  private record Options(String namespace, String bucket, String prefix, int pipelines, int blocks, int shards, int runMinMillis,
      int runMaxMillis, long seed, int writers, int appliers, int stallSeconds, int timeoutSeconds, String metricsUrl,
      Path out) {
    static Options parse(String[] args) {
      Map<String, String> given = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
        }
        given.put(args[i].substring(2), args[i + 1]);
      }
      Options options = new Options(
          given.getOrDefault("namespace", "bench"),
          given.getOrDefault("bucket", "bench"),
          given.getOrDefault("prefix", "p"),
          Integer.parseInt(given.getOrDefault("pipelines", "200")),
          Integer.parseInt(given.getOrDefault("blocks", "3")),
          Integer.parseInt(given.getOrDefault("shards", "2")),
          Integer.parseInt(given.getOrDefault("run-min-ms", "1000")),
          Integer.parseInt(given.getOrDefault("run-max-ms", "3000")),
          Long.parseLong(given.getOrDefault("seed", "1")),
          Integer.parseInt(given.getOrDefault("writers", "16")),
          Integer.parseInt(given.getOrDefault("appliers", "8")),
          Integer.parseInt(given.getOrDefault("stall-seconds", "5")),
          Integer.parseInt(given.getOrDefault("timeout-seconds", "300")),
          given.get("metrics-url"),
          Path.of(given.getOrDefault("out", ".")));
      given.keySet().removeAll(List.of("namespace", "bucket", "prefix", "pipelines", "blocks", "shards", "run-min-ms",
          "run-max-ms", "seed", "writers", "appliers", "stall-seconds", "timeout-seconds", "metrics-url", "out"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      if (options.blocks < 2 || options.blocks > 10 || options.shards < 1 || options.runMaxMillis < options.runMinMillis) {
        throw new IllegalArgumentException("need 2-10 blocks, at least one shard and run-max-ms >= run-min-ms");
      }
      return options;
    }
  }
}
