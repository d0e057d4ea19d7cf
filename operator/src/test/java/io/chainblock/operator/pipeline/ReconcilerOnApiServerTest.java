package io.chainblock.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineSpec;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.api.v1alpha1.Disk;
import io.chainblock.operator.RealApiServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler in a JOSDK operator against a real kube-apiserver and etcd, each test in a
 * namespace of its own with an operator watching it. {@link JobController} moves the Jobs along as
 * the Job controller and kubelet would; the tests assert what a user sees: Jobs, status, conditions,
 * Events, and the objects in storage.
 */
@ExtendWith(RealApiServer.class)
class ReconcilerOnApiServerTest {
  private static final String PIPELINE = "wordjoin";
  private KubernetesClient client;
  @TempDir Path storage;

  @BeforeEach
  void connect(KubernetesClient client) {
    this.client = client;
  }

  @Test
  void runsTheDagBlockByBlockAndSealsTheOutput() throws Exception {
    try (JobController jobs = JobController.inNewNamespace(client, "dag");
         OperatorUnderTest operator = operatorFor(jobs)) {
      String uid = apply(jobs);
      String words = ResourceNames.job(PIPELINE, "words", uid);
      String stops = ResourceNames.job(PIPELINE, "stops", uid);
      String join = ResourceNames.job(PIPELINE, "join", uid);

      ChainPipeline running = jobs.awaitPipeline(PIPELINE, p -> p.getStatus().phase != null, "with a phase");
      assertThat(running.getStatus().phase).isEqualTo(ChainPipelineStatus.Phase.Running);
      assertThat(running.getStatus().blocks).extracting(b -> b.name, b -> b.phase).containsExactly(
          tuple("words", BlockStatus.Phase.Running), tuple("stops", BlockStatus.Phase.Running),
          tuple("join", BlockStatus.Phase.Pending));
      assertThat(running.getStatus().blocksDone).isEqualTo("0/3");
      assertThat(running.getStatus().shardsDone).isEqualTo("0/7");
      assertThat(condition(running, Conditions.VALID)).extracting(Condition::getStatus).isEqualTo("True");
      assertThat(condition(running, Conditions.SUCCEEDED)).extracting(Condition::getStatus, Condition::getReason)
          .containsExactly("False", "Running");
      // the status is written after the Jobs its reconcile created
      assertThat(names(jobs.jobs())).containsExactlyInAnyOrder(words, stops);

      jobs.complete(words, 5);
      ChainPipeline oneDone = jobs.awaitPipeline(PIPELINE, p -> "1/3".equals(p.getStatus().blocksDone), "1/3 done");
      assertThat(names(jobs.jobs())).as("the join waits for stops").containsExactlyInAnyOrder(words, stops);
      assertThat(oneDone.getStatus().shardsDone).isEqualTo("4/7");
      writeOutputPart(jobs.namespace());
      jobs.complete(stops, 1);
      jobs.complete(join, 2);

      ChainPipeline done = jobs.awaitPipeline(PIPELINE, ReconcilerOnApiServerTest::succeededAndCounted,
          "Succeeded with every shard counted");
      assertThat(jobs.appearances(3)).as("the sources together, the join once both had completed")
          .extracting(JobController.Appearance::name, JobController.Appearance::completeBefore)
          .containsExactly(tuple(words, Set.of()), tuple(stops, Set.of()), tuple(join, Set.of(words, stops)));
      ChainPipelineStatus status = done.getStatus();
      assertThat(status.blocksDone).isEqualTo("3/3");
      assertThat(status.shardsDone).isEqualTo("7/7");
      assertThat(status.observedGeneration).isEqualTo(1L);
      assertThat(status.startTime).isNotNull();
      assertThat(status.completionTime).isNotNull();
      assertThat(status.blocks).extracting(b -> b.name, b -> b.phase, b -> b.job, b -> b.succeeded, b -> b.failed)
          .containsExactly(
              tuple("words", BlockStatus.Phase.Succeeded, words, 4, 0),
              tuple("stops", BlockStatus.Phase.Succeeded, stops, 1, 0),
              tuple("join", BlockStatus.Phase.Succeeded, join, 2, 0));
      assertThat(status.blocks).as("counters summed from the shards' termination messages")
          .extracting(b -> b.recordsIn, b -> b.recordsOut, b -> b.bytesIn, b -> b.bytesOut)
          .containsExactly(tuple(20L, 20L, 200L, 200L), tuple(1L, 1L, 10L, 10L), tuple(4L, 4L, 40L, 40L));
      assertThat(condition(done, Conditions.SUCCEEDED)).extracting(Condition::getStatus, Condition::getMessage)
          .containsExactly("True", "all 3 blocks succeeded; the output is in Disk 'joined'");
      assertThat(condition(done, Conditions.FAILED)).extracting(Condition::getStatus).isEqualTo("False");
      assertThat(condition(done, Conditions.VALID)).extracting(Condition::getStatus).isEqualTo("True");
      assertThat(Files.readString(outputDir(jobs.namespace()).resolve("_manifest.json"))).contains("part-00000");
      assertThat(client.resources(Disk.class).inNamespace(jobs.namespace()).withName("joined").get()).isNotNull();

      List<Event> events = awaitEvents(jobs.namespace(), "PipelineSucceeded");
      assertThat(events).extracting(Event::getReason).containsExactlyInAnyOrder("BlockStarted", "BlockStarted",
          "BlockStarted", "BlockSucceeded", "BlockSucceeded", "BlockSucceeded", "PipelineSucceeded");
      assertThat(events).allSatisfy(e -> {
        assertThat(e.getType()).isEqualTo("Normal");
        assertThat(e.getInvolvedObject().getUid()).isEqualTo(uid);
      });
      assertThat(events).filteredOn(e -> e.getReason().equals("PipelineSucceeded")).extracting(Event::getMessage)
          .containsExactly("all 3 blocks succeeded (7/7 shards)");
      assertThat(events).filteredOn(e -> e.getReason().equals("BlockSucceeded")).extracting(Event::getMessage)
          .contains("block 'words' succeeded: 4 shards, 20 records in, 20 out");
    }
  }

  @Test
  void aJobCompleteBeforeItsLastReportsStartsTheNextBlockAtOnceAndTheCountersFollow() {
    try (JobController jobs = JobController.inNewNamespace(client, "late-reports");
         OperatorUnderTest operator = operatorFor(jobs)) {
      String uid = apply(jobs);
      String words = ResourceNames.job(PIPELINE, "words", uid);
      String stops = ResourceNames.job(PIPELINE, "stops", uid);
      String join = ResourceNames.job(PIPELINE, "join", uid);
      jobs.complete(stops, 1);

      List<Pod> lateWords = jobs.completeBeforeReports(words, 5, 3);

      assertThat(jobs.awaitJob(join)).as("the join starts without waiting for shard 3's report").isNotNull();
      // The operator's pod watch may show even the reports written before the Complete after it.
      ChainPipeline partial = jobs.awaitPipeline(PIPELINE,
          p -> p.getStatus().blocks.get(0).phase == BlockStatus.Phase.Succeeded && counted(p, 0, 3),
          "with words succeeded and 3 of its shards counted");
      assertThat(partial.getStatus().blocks.get(0))
          .extracting(b -> b.phase, b -> b.succeeded, b -> b.recordsIn, b -> b.bytesOut, b -> b.message)
          .containsExactly(BlockStatus.Phase.Succeeded, 4, 15L, 150L, null);

      jobs.report(lateWords.getFirst(), 5);

      ChainPipeline counted = jobs.awaitPipeline(PIPELINE, p -> counted(p, 0, 4), "with every words shard counted");
      assertThat(counted.getStatus().blocks.get(0)).extracting(b -> b.phase, b -> b.recordsIn, b -> b.recordsOut,
          b -> b.bytesIn, b -> b.bytesOut, b -> b.message)
          .containsExactly(BlockStatus.Phase.Succeeded, 20L, 20L, 200L, 200L, null);

      List<Pod> lateJoin = jobs.completeBeforeReports(join, 2, 1);
      ChainPipeline done = jobs.awaitPipeline(PIPELINE,
          p -> p.getStatus().phase == ChainPipelineStatus.Phase.Succeeded && counted(p, 2, 1),
          "Succeeded with 1 join shard counted");
      assertThat(done.getStatus().blocks.get(2).recordsIn).isEqualTo(2L);

      jobs.report(lateJoin.getFirst(), 2);

      ChainPipeline complete = jobs.awaitPipeline(PIPELINE, p -> counted(p, 2, 2), "with every join shard counted");
      assertThat(complete.getStatus().phase).isEqualTo(ChainPipelineStatus.Phase.Succeeded);
      assertThat(complete.getStatus().completionTime).isEqualTo(done.getStatus().completionTime);
      assertThat(complete.getStatus().blocks).extracting(b -> b.name, b -> b.counted, b -> b.recordsIn)
          .containsExactly(tuple("words", 4, 20L), tuple("stops", 1, 1L), tuple("join", 2, 4L));
      List<Event> events = awaitEvents(jobs.namespace(), "PipelineSucceeded");
      assertThat(events).extracting(Event::getReason).containsExactlyInAnyOrder("BlockStarted", "BlockStarted",
          "BlockStarted", "BlockSucceeded", "BlockSucceeded", "BlockSucceeded", "PipelineSucceeded");
      assertThat(events).filteredOn(e -> e.getReason().equals("BlockSucceeded")).extracting(Event::getMessage)
          .filteredOn(m -> m.startsWith("block 'words'")).singleElement().asString()
          .startsWith("block 'words' succeeded: 4 shards, ")
          .endsWith(" shards reported so far; its status adds the others as their reports arrive");
    }
  }

  @Test
  void aShardsUserErrorFailsThePipelineWithItsMessageAndSuspendsTheRest() {
    try (JobController jobs = JobController.inNewNamespace(client, "user-error");
         OperatorUnderTest operator = operatorFor(jobs)) {
      String uid = apply(jobs);
      String words = ResourceNames.job(PIPELINE, "words", uid);
      String stops = ResourceNames.job(PIPELINE, "stops", uid);
      jobs.awaitJob(stops);

      jobs.fail(words, 3, "block words: bad regex");

      ChainPipeline failed = jobs.awaitPipeline(PIPELINE, p -> p.getStatus().phase == ChainPipelineStatus.Phase.Failed,
          "Failed");
      String message = "block 'words' failed: shard 3 failed for good; shard 3 (attempt 0): block words: bad regex";
      assertThat(failed.getStatus().blocks).extracting(b -> b.name, b -> b.phase, b -> b.failed, b -> b.message)
          .containsExactly(
              tuple("words", BlockStatus.Phase.Failed, 1, message),
              tuple("stops", BlockStatus.Phase.Running, 0, null),
              tuple("join", BlockStatus.Phase.Pending, 0, null));
      assertThat(condition(failed, Conditions.FAILED)).extracting(Condition::getStatus, Condition::getReason,
          Condition::getMessage).containsExactly("True", "BlockFailed", message);
      assertThat(condition(failed, Conditions.SUCCEEDED)).extracting(Condition::getStatus).isEqualTo("False");
      JobController.await("stops suspended", () -> Optional.of(jobs.awaitJob(stops))
          .filter(j -> Boolean.TRUE.equals(j.getSpec().getSuspend())));
      List<Event> events = awaitEvents(jobs.namespace(), "PipelineFailed");
      assertThat(events).extracting(Event::getReason, Event::getType).containsExactlyInAnyOrder(
          tuple("BlockStarted", "Normal"), tuple("BlockStarted", "Normal"), tuple("BlockFailed", "Warning"),
          tuple("PipelineFailed", "Warning"));
      assertThat(events).filteredOn(e -> e.getReason().equals("PipelineFailed")).extracting(Event::getMessage)
          .containsExactly(message);
      assertThat(names(jobs.jobs())).as("nothing starts after a failure").containsExactlyInAnyOrder(words, stops);
    }
  }

  @Test
  void duringARunOnlyParallelismChangesAnyOtherEditIsRefused() {
    try (JobController jobs = JobController.inNewNamespace(client, "spec-change");
         OperatorUnderTest operator = operatorFor(jobs)) {
      String uid = apply(jobs);
      String words = ResourceNames.job(PIPELINE, "words", uid);
      assertThat(jobs.awaitJob(words).getSpec().getParallelism()).isEqualTo(2);

      editBlock(jobs, 0, block -> block.parallelism = 3);

      JobController.await("words running 3 shards at once", () -> Optional.of(jobs.awaitJob(words))
          .filter(j -> j.getSpec().getParallelism() == 3));
      assertThat(condition(pipeline(jobs), Conditions.SPEC_CHANGE_REFUSED)).isNull();

      editBlock(jobs, 0, block -> block.shards = 8);

      ChainPipeline refused = jobs.awaitPipeline(PIPELINE,
          p -> condition(p, Conditions.SPEC_CHANGE_REFUSED) != null, "with SpecChangeRefused");
      String message = "spec.blocks[0].shards changed after the run started: only a block's parallelism can change"
          + " during a run, so the run goes on with the spec it started with. To run the new spec, delete the"
          + " pipeline and apply it again";
      assertThat(condition(refused, Conditions.SPEC_CHANGE_REFUSED)).extracting(Condition::getStatus,
          Condition::getReason, Condition::getMessage, Condition::getObservedGeneration)
          .containsExactly("True", "RunStarted", message, 3L);
      assertThat(refused.getStatus().observedGeneration).isEqualTo(3L);
      assertThat(awaitEvents(jobs.namespace(), "SpecChangeRefused"))
          .filteredOn(e -> e.getReason().equals("SpecChangeRefused"))
          .extracting(Event::getType, Event::getMessage).containsExactly(tuple("Warning", message));

      jobs.complete(words, 1);
      jobs.complete(ResourceNames.job(PIPELINE, "stops", uid), 1);
      jobs.complete(ResourceNames.job(PIPELINE, "join", uid), 1);
      ChainPipeline done = jobs.awaitPipeline(PIPELINE,
          p -> p.getStatus().phase == ChainPipelineStatus.Phase.Succeeded, "Succeeded");
      assertThat(jobs.awaitJob(words).getSpec().getCompletions()).as("the shards the run started with").isEqualTo(4);
      assertThat(done.getStatus().shardsDone).isEqualTo("7/7");
      assertThat(condition(done, Conditions.SPEC_CHANGE_REFUSED).getMessage()).isEqualTo(message);
      assertThat(awaitEvents(jobs.namespace(), "PipelineSucceeded")).extracting(Event::getReason)
          .as("the refusal told once, not at every reconcile").containsOnlyOnce("SpecChangeRefused");
    }
  }

  @Test
  void anOperatorRestartedMidRunStartsNothingTwiceAndLosesNothing() {
    try (JobController jobs = JobController.inNewNamespace(client, "restart")) {
      String uid;
      String words;
      String stops;
      Map<String, String> before;
      try (OperatorUnderTest first = operatorFor(jobs)) {
        uid = apply(jobs);
        words = ResourceNames.job(PIPELINE, "words", uid);
        stops = ResourceNames.job(PIPELINE, "stops", uid);
        jobs.awaitJob(stops);
        jobs.complete(words, 5);
        jobs.awaitPipeline(PIPELINE, p -> "1/3".equals(p.getStatus().blocksDone), "with words done");
        before = uids(jobs.jobs());
      }
      // while no operator runs
      jobs.complete(stops, 1);
      String join = ResourceNames.job(PIPELINE, "join", uid);

      try (OperatorUnderTest second = operatorFor(jobs)) {
        jobs.complete(join, 2);
        ChainPipeline done = jobs.awaitPipeline(PIPELINE, ReconcilerOnApiServerTest::succeededAndCounted,
            "Succeeded with every shard counted");

        assertThat(jobs.appearances(3)).as("each Job created once, the join after both its inputs completed")
            .extracting(JobController.Appearance::name, JobController.Appearance::completeBefore)
            .containsExactly(tuple(words, Set.of()), tuple(stops, Set.of()), tuple(join, Set.of(words, stops)));
        assertThat(uids(jobs.jobs())).as("the Jobs of the first operator, and the join").hasSize(3)
            .containsAllEntriesOf(before);
        assertThat(done.getStatus().shardsDone).isEqualTo("7/7");
        assertThat(done.getStatus().blocks).as("the counters of shards that ended while no operator ran")
            .extracting(b -> b.name, b -> b.recordsIn)
            .containsExactly(tuple("words", 20L), tuple("stops", 1L), tuple("join", 4L));
        assertThat(awaitEvents(jobs.namespace(), "PipelineSucceeded")).extracting(Event::getReason)
            .containsExactlyInAnyOrder("BlockStarted", "BlockStarted", "BlockStarted", "BlockSucceeded",
                "BlockSucceeded", "BlockSucceeded", "PipelineSucceeded");
      }
    }
  }

  @Test
  void deletingAPipelineStopsItsShardsThenRemovesItsIntermediatesAndNothingElse() throws Exception {
    try (JobController jobs = JobController.inNewNamespace(client, "delete");
         OperatorUnderTest operator = operatorFor(jobs)) {
      String uid = apply(jobs);
      String words = ResourceNames.job(PIPELINE, "words", uid);
      jobs.complete(ResourceNames.job(PIPELINE, "stops", uid), 1);
      Pod shard = jobs.run(words, 0);
      String another = createJoin(jobs, "another");
      Set<String> anotherJobs = Set.of(ResourceNames.job("another", "words", another),
          ResourceNames.job("another", "stops", another));
      anotherJobs.forEach(jobs::awaitJob);
      Path runs = storage.resolve("chainblock/runs/" + jobs.namespace() + "/" + PIPELINE);
      write(runs.resolve(uid + "/stops/join/0/0-0"));
      write(runs.resolve("an-earlier-uid/stops/join/0/0-0"));
      writeOutputPart(jobs.namespace());
      jobs.awaitPipeline(PIPELINE, p -> "1/3".equals(p.getStatus().blocksDone)
          && p.getMetadata().getFinalizers().size() == 1, "with its finalizer and stops done");

      client.resources(ChainPipeline.class).inNamespace(jobs.namespace()).withName(PIPELINE).delete();

      JobController.await("the run's Jobs deleted", () -> Optional.of(Set.copyOf(names(jobs.jobs())))
          .filter(anotherJobs::equals));
      assertThat(pipeline(jobs)).as("kept while a shard runs").isNotNull();
      // A shard still running writes on after its Job is gone.
      write(runs.resolve(uid + "/words/join/0/0-1"));
      jobs.kill(shard);

      JobController.await("the pipeline gone", () -> Optional.of(jobs.namespace())
          .filter(ns -> pipeline(jobs) == null));
      assertThat(files(runs)).containsExactly("an-earlier-uid/stops/join/0/0-0");
      assertThat(outputDir(jobs.namespace()).resolve("part-00000")).exists();
      assertThat(client.resources(Disk.class).inNamespace(jobs.namespace()).list().getItems())
          .extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("corpus", "stopwords");
    }
  }

  private OperatorUnderTest operatorFor(JobController jobs) {
    return new OperatorUnderTest(client, storage, Set.of(jobs.namespace()));
  }

  /** Creates the join's Disks and the join, named {@link #PIPELINE}, in the controller's namespace; returns its uid. */
  private String apply(JobController jobs) {
    for (Disk disk : Fixtures.joinDisks()) {
      disk.getMetadata().setNamespace(jobs.namespace());
      client.resource(disk).create();
    }
    return createJoin(jobs, PIPELINE);
  }

  private String createJoin(JobController jobs, String name) {
    ChainPipeline pipeline = Fixtures.pipeline(Fixtures.JOIN);
    pipeline.getMetadata().setName(name);
    pipeline.getMetadata().setNamespace(jobs.namespace());
    pipeline.getMetadata().setUid(null);
    pipeline.getMetadata().setGeneration(null);
    return client.resource(pipeline).create().getMetadata().getUid();
  }

  private ChainPipeline pipeline(JobController jobs) {
    return client.resources(ChainPipeline.class).inNamespace(jobs.namespace()).withName(PIPELINE).get();
  }

  /** Changes the spec as {@code kubectl patch --type merge} would: without the resourceVersion, so no conflict. */
  private void editBlock(JobController jobs, int block, Consumer<BlockSpec> change) {
    ChainPipelineSpec spec = pipeline(jobs).getSpec();
    change.accept(spec.blocks.get(block));
    client.resources(ChainPipeline.class).inNamespace(jobs.namespace()).withName(PIPELINE)
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", spec)));
  }

  private Path outputDir(String namespace) {
    return storage.resolve("chainblock/disks/" + namespace + "/joined");
  }

  /** What the join's shards would have written. */
  private void writeOutputPart(String namespace) throws IOException {
    Files.createDirectories(outputDir(namespace));
    Files.writeString(outputDir(namespace).resolve("part-00000"), "a\t1\n");
  }

  /** The pipeline's Events once one has {@code reason}: events are recorded after the status they report. */
  private List<Event> awaitEvents(String namespace, String reason) {
    return JobController.await("a " + reason + " event", () -> Optional.of(events(namespace))
        .filter(events -> events.stream().anyMatch(e -> reason.equals(e.getReason()))));
  }

  private List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> PIPELINE.equals(e.getInvolvedObject().getName())).toList();
  }

  private static void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, file.getFileName().toString());
  }

  /** The files under {@code dir}, as paths relative to it. */
  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /**
   * The counters of a block come from its pods, which the operator may see after the Job it marks
   * the block done by: they can still be growing when the pipeline has succeeded.
   */
  private static boolean succeededAndCounted(ChainPipeline pipeline) {
    return pipeline.getStatus().phase == ChainPipelineStatus.Phase.Succeeded
        && pipeline.getStatus().blocks.stream().noneMatch(BlockCounters::open);
  }

  /** Whether the pipeline's {@code block}th block counts the reports of {@code shards} shards. */
  private static boolean counted(ChainPipeline pipeline, int block, int shards) {
    return Integer.valueOf(shards).equals(pipeline.getStatus().blocks.get(block).counted);
  }

  private static Condition condition(ChainPipeline pipeline, String type) {
    return Conditions.find(pipeline.getStatus().conditions, type);
  }

  private static List<String> names(List<Job> jobs) {
    return jobs.stream().map(j -> j.getMetadata().getName()).toList();
  }

  private static Map<String, String> uids(List<Job> jobs) {
    return jobs.stream().collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j.getMetadata().getUid()));
  }
}
