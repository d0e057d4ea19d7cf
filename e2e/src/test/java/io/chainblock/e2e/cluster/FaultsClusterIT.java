package io.chainblock.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the real cluster, each on a pipeline of its own (src/test/resources/cluster): a shard
 * pod deleted while it works, the operator deleted while a run goes on, a running block's
 * parallelism raised, a shard whose command exits with the user-error code.
 */
@ExtendWith(OnCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsClusterIT {
  private static final Duration RUN = Duration.ofMinutes(8);
  private static final Duration SEEN_WORKING = Duration.ofMinutes(5);

  private ClusterNamespace ns;
  private Cluster cluster;
  private Scenarios scenarios;

  @BeforeAll
  void startTheFaults(Cluster cluster, @TempDir Path tmp) {
    this.cluster = cluster;
    this.ns = new ClusterNamespace(cluster, "faults");
    scenarios = new Scenarios(tmp);
    scenarios.start("retry", this::deleteAShardPodWhileItWorks);
    scenarios.start("restart", this::deleteTheOperatorDuringARun);
    scenarios.start("widen", this::raiseARunningBlocksParallelism);
    scenarios.start("user-error", this::failAShardWithTheUserErrorCode);
  }

  @Test
  void aShardPodDeletedWhileItWorksIsRetriedAndTheOutputIsByteIdentical() throws Throwable {
    scenarios.await("retry");
  }

  @Test
  void theOperatorDeletedDuringARunFinishesItWithoutCreatingAnyJobTwice() throws Throwable {
    scenarios.await("restart");
  }

  @Test
  void raisingARunningBlocksParallelismReachesItsJob() throws Throwable {
    scenarios.await("widen");
  }

  @Test
  void aCommandExitingWithTheUserErrorCodeFailsThePipelineAtOnceWithItsMessage() throws Throwable {
    scenarios.await("user-error");
  }

  private void deleteAShardPodWhileItWorks(Path tmp) throws IOException {
    Path input = Files.write(tmp.resolve("lines.txt"), IntStream.range(0, 1200)
        .mapToObj(i -> "word" + (i * 7 % 37) + " line " + i).toList());
    Path pipeline = ClusterNamespace.pipelineFile("retry.yaml");
    CompletableFuture<LocalRun> local = localRun(pipeline, tmp, Map.of("retry-lines", input));
    ns.diskPut("retry-lines", List.of(input), "--chunk-size", "4Ki");
    ns.apply(pipeline);

    Pod working = seenWorking("retry", "tag", "progress:");
    int index = ClusterNamespace.index(working);
    ns.cluster().kubectl().run("delete", "pod", "-n", ns.name(), working.getMetadata().getName(), "--wait=false");
    ChainPipeline done = ns.awaitCondition("retry", "Succeeded", RUN);

    List<Pod> sameIndex = ns.pods("retry", "tag").stream().filter(p -> ClusterNamespace.index(p) == index).toList();
    assertThat(sameIndex).as("pods of shard %d after its pod %s was deleted", index, working.getMetadata().getName())
        .anySatisfy(p -> {
          assertThat(p.getMetadata().getUid()).isNotEqualTo(working.getMetadata().getUid());
          assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded");
        });
    Checks.sameParts(ns.outputParts("retry-counts"), local.join().parts());
    // the counters count the retry once, not the deleted attempt's records too
    Checks.succeededLikeLocal(ns.awaitCounted("retry"), local.join());
  }

  private void deleteTheOperatorDuringARun(Path tmp) throws IOException {
    Path input = Files.write(tmp.resolve("lines.txt"), IntStream.range(0, 1000)
        .mapToObj(i -> "word" + (i * 11 % 53) + " line " + i).toList());
    Path pipeline = ClusterNamespace.pipelineFile("restart.yaml");
    CompletableFuture<LocalRun> local = localRun(pipeline, tmp, Map.of("restart-lines", input));
    ns.diskPut("restart-lines", List.of(input));
    try (History<Job> jobs = History.of(ns.client().batch().v1().jobs().inNamespace(ns.name())
        .withLabel(ClusterNamespace.PIPELINE_LABEL, "restart"))) {
      ns.apply(pipeline);

      seenWorking("restart", "slow", "progress:");
      List<Pod> operators = cluster.operatorPods();
      assertThat(operators).as("operator pods before").hasSize(1);
      Pod old = operators.getFirst();
      cluster.kubectl().run("delete", "pod", "-n", cluster.systemNamespace(), old.getMetadata().getName());
      Instant gone = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Cluster.log("operator pod %s deleted while block slow of pipeline restart ran", old.getMetadata().getName());
      Pod successor = Await.until("a new operator pod Ready", Duration.ofMinutes(3), () -> cluster.operatorPods().stream()
          .filter(p -> !p.getMetadata().getUid().equals(old.getMetadata().getUid()) && isReady(p)).findFirst(),
          ns::diagnostics);
      Cluster.log("operator pod %s is ready", successor.getMetadata().getName());
      Await.holds("the new operator pod holding the Lease " + Cluster.LEASE, Duration.ofMinutes(2),
          () -> successor.getMetadata().getName().equals(leaseHolder()), ns::diagnostics);
      ChainPipeline done = ns.awaitCondition("restart", "Succeeded", RUN);

      Map<String, Set<String>> uidsByJob = new TreeMap<>();
      for (var version : jobs.matching(j -> true)) {
        uidsByJob.computeIfAbsent(version.object().getMetadata().getName(), n -> new TreeSet<>())
            .add(version.object().getMetadata().getUid());
      }
      assertThat(uidsByJob.keySet()).containsExactlyInAnyOrder(
          Checks.jobName(done, "slow"), Checks.jobName(done, "sum"), Checks.jobName(done, "gather"));
      assertThat(uidsByJob).as("each Job created once").allSatisfy((name, uids) -> assertThat(uids).hasSize(1));
      for (String block : List.of("sum", "gather")) {
        Job job = jobs.of(Checks.jobName(done, block)).getFirst();
        assertThat(Instant.parse(job.getMetadata().getCreationTimestamp()))
            .as("block %s started by the new operator, after %s", block, gone).isAfterOrEqualTo(gone);
      }
      Checks.sameParts(ns.outputParts("restart-counts"), local.join().parts());
      Checks.succeededLikeLocal(ns.awaitCounted("restart"), local.join());
    }
  }

  private void raiseARunningBlocksParallelism(Path tmp) throws IOException {
    Path input = Files.write(tmp.resolve("items.txt"), IntStream.range(0, 400)
        .mapToObj(i -> String.format("item-%04d", i)).toList());
    Path pipeline = ClusterNamespace.pipelineFile("parallelism.yaml");
    CompletableFuture<LocalRun> local = localRun(pipeline, tmp, Map.of("widen-items", input));
    ns.diskPut("widen-items", List.of(input), "--chunk-size", "1Ki");
    try (History<Job> jobs = History.of(ns.client().batch().v1().jobs().inNamespace(ns.name())
        .withLabel(ClusterNamespace.PIPELINE_LABEL, "widen").withLabel(ClusterNamespace.BLOCK_LABEL, "work"))) {
      ns.apply(pipeline);

      seenWorking("widen", "work", "working on shard");
      assertThat(ns.job("widen", "work").orElseThrow().getSpec().getParallelism()).isEqualTo(1);
      cluster.kubectl().run("patch", "chainpipeline", "widen", "-n", ns.name(), "--type=json",
          "-p", "[{\"op\": \"replace\", \"path\": \"/spec/blocks/0/parallelism\", \"value\": 4}]");
      Await.holds("Job of block work at parallelism 4", Duration.ofSeconds(60),
          () -> ns.job("widen", "work").map(j -> j.getSpec().getParallelism() == 4).orElse(false), ns::diagnostics);
      ChainPipeline done = ns.awaitCondition("widen", "Succeeded", RUN);

      List<Job> versions = jobs.of(Checks.jobName(done, "work"));
      assertThat(maxActive(versions, j -> j.getSpec().getParallelism() == 1)).as("shards at once before").isEqualTo(1);
      assertThat(maxActive(versions, j -> j.getSpec().getParallelism() == 4)).as("shards at once after the raise")
          .isGreaterThanOrEqualTo(2);
      assertThat(done.getStatus().conditions).noneMatch(c -> c.getType().equals("SpecChangeRefused"));
      Checks.sameParts(ns.outputParts("widen-out"), local.join().parts());
      Checks.succeededLikeLocal(ns.awaitCounted("widen"), local.join());
    }
  }

  private void failAShardWithTheUserErrorCode(Path tmp) throws IOException {
    List<String> numbers = IntStream.rangeClosed(1, 400).mapToObj(i -> i == 390 ? "twelve" : String.valueOf(i)).toList();
    Path input = Files.write(tmp.resolve("ledger.txt"), numbers);
    Path pipeline = ClusterNamespace.pipelineFile("user-error.yaml");
    CompletableFuture<LocalRun> local = localRun(pipeline, tmp, Map.of("ledger", input));
    ns.diskPut("ledger", List.of(input), "--chunk-size", "1Ki");
    ns.apply(pipeline);

    ChainPipeline failed = ns.awaitCondition("user-error", "Failed", RUN);

    ChainPipelineStatus status = failed.getStatus();
    assertThat(status.phase).isEqualTo(ChainPipelineStatus.Phase.Failed);
    BlockStatus parse = status.blocks.get(0);
    assertThat(parse.phase).isEqualTo(BlockStatus.Phase.Failed);
    assertThat(parse.failed).isEqualTo(1);
    assertThat(parse.message).contains("shard 1", "exited with status 65", "not a number: twelve");
    assertThat(Checks.condition(failed, "Failed").getStatus()).isEqualTo("True");
    assertThat(Checks.condition(failed, "Failed").getMessage()).contains("not a number: twelve");
    assertThat(Checks.condition(failed, "Succeeded").getStatus()).isEqualTo("False");
    // at once: the shard ran once, no retry, and the next block never started
    List<Pod> shardOne = ns.pods("user-error", "parse").stream().filter(p -> ClusterNamespace.index(p) == 1).toList();
    assertThat(shardOne).as("pods of shard 1").hasSize(1);
    assertThat(exitCode(shardOne.getFirst())).isEqualTo(65);
    assertThat(status.blocks.get(1).phase).isEqualTo(BlockStatus.Phase.Pending);
    assertThat(ns.job("user-error", "total")).isEmpty();
    Await.holds("a BlockFailed event with the shard's message", Duration.ofSeconds(60),
        () -> ns.events("user-error").stream().anyMatch(e -> "BlockFailed".equals(e.getReason())
            && "Warning".equals(e.getType()) && e.getMessage().contains("not a number: twelve")), ns::diagnostics);
    // the local runner fails the same way
    assertThat(local.join().cli().exitCode()).isEqualTo(1);
    assertThat(local.join().cli().err() + local.join().cli().out()).contains("not a number: twelve");
  }

  /** A pod of the block that is running and has said {@code progress} in its log. */
  private Pod seenWorking(String pipeline, String block, String progress) {
    return Await.until("a pod of block " + block + " logging '" + progress + "'", SEEN_WORKING,
        () -> ns.pods(pipeline, block).stream()
            .filter(p -> "Running".equals(p.getStatus().getPhase()) && ns.log(p).contains(progress)).findFirst(),
        ns::diagnostics);
  }

  private String leaseHolder() {
    Lease lease = ns.client().leases().inNamespace(cluster.systemNamespace()).withName(Cluster.LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static int maxActive(List<Job> versions, Predicate<Job> which) {
    return versions.stream().filter(which).filter(j -> j.getStatus() != null)
        .mapToInt(j -> Optional.ofNullable(j.getStatus().getActive()).orElse(0))
        .max().orElse(0);
  }

  private static int exitCode(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getState)
        .filter(s -> s.getTerminated() != null).map(s -> s.getTerminated().getExitCode()).findFirst()
        .orElseThrow(() -> new AssertionError("pod " + pod.getMetadata().getName() + " has not terminated"));
  }

  private static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static CompletableFuture<LocalRun> localRun(Path pipeline, Path tmp, Map<String, Path> disks) {
    return CompletableFuture.supplyAsync(() -> LocalRun.of(pipeline, tmp, disks), Thread.ofVirtual()::start);
  }
}
