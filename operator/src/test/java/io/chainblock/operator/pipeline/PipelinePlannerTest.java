package io.chainblock.operator.pipeline;

import static io.chainblock.operator.pipeline.Fixtures.JOIN;
import static io.chainblock.operator.pipeline.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.api.v1alpha1.OutputSpec;
import io.chainblock.engine.plan.PlanFile;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinePlannerTest {
  private final InMemoryRun run = new InMemoryRun(Fixtures.pipeline(JOIN), Fixtures.joinDisks());

  @Test
  void independentSourcesStartTogetherInOneReconcile() {
    ReconcilePlan plan = run.reconcile(T0);

    assertThat(plan.configMap()).isNotNull();
    assertThat(plan.jobsToCreate()).extracting(j -> j.getMetadata().getName())
        .containsExactly("wordjoin-words-3f2a9", "wordjoin-stops-3f2a9");
    ChainPipelineStatus status = run.pipeline.getStatus();
    assertThat(status.phase).isEqualTo(ChainPipelineStatus.Phase.Running);
    assertThat(status.blocks).extracting(b -> b.phase)
        .containsExactly(BlockStatus.Phase.Running, BlockStatus.Phase.Running, BlockStatus.Phase.Pending);
    assertThat(status.blocksDone).isEqualTo("0/3");
    assertThat(status.shardsDone).isEqualTo("0/7");
    assertThat(status.startTime).isEqualTo(T0.toString());
    assertThat(status.observedGeneration).isEqualTo(1L);
    assertThat(condition(Conditions.VALID).getStatus()).isEqualTo("True");
    assertThat(run.reasons()).containsExactly(PipelineEvent.Reason.BlockStarted, PipelineEvent.Reason.BlockStarted);
  }

  @Test
  void theJoinStartsOnlyWhenBothItsInputsHaveCompleted() {
    run.reconcile(T0);
    run.update("words", job -> Fixtures.complete(job, T0.plusSeconds(10)));
    assertThat(run.reconcile(T0.plusSeconds(10)).jobsToCreate()).isEmpty();
    assertThat(run.pipeline.getStatus().blocks.get(0).phase).isEqualTo(BlockStatus.Phase.Succeeded);

    run.update("stops", job -> Fixtures.complete(job, T0.plusSeconds(12)));
    ReconcilePlan plan = run.reconcile(T0.plusSeconds(13));

    assertThat(plan.jobsToCreate()).extracting(j -> j.getMetadata().getName()).containsExactly("wordjoin-join-3f2a9");
    assertThat(plan.events()).filteredOn(e -> e.reason() == PipelineEvent.Reason.BlockStarted)
        .singleElement().satisfies(e -> {
          assertThat(e.block()).isEqualTo("join");
          assertThat(e.duration()).hasSeconds(1);
        });
    assertThat(run.pipeline.getStatus().blocksDone).isEqualTo("2/3");
    assertThat(run.pipeline.getStatus().shardsDone).isEqualTo("5/7");
  }

  @Test
  void planningAgainWithWhatItAskedForAsksForNothing() {
    run.reconcile(T0);
    ChainPipelineStatus first = run.pipeline.getStatus();
    int events = run.events.size();

    ReconcilePlan again = run.reconcile(T0.plusSeconds(1));

    assertThat(again.configMap()).isNull();
    assertThat(again.jobsToCreate()).isEmpty();
    assertThat(again.jobsToPatch()).isEmpty();
    assertThat(again.events()).isEmpty();
    assertThat(run.events).hasSize(events);
    assertThat(again.newStatus().blocks).extracting(b -> b.phase).isEqualTo(first.blocks.stream().map(b -> b.phase).toList());
    assertThat(again.newStatus().startTime).isEqualTo(first.startTime);
  }

  @Test
  void theJobAppearingLeavesTheStatusAsTheReconcileThatCreatedItWroteIt() {
    Instant planned = T0.plusMillis(250);
    run.reconcile(planned);
    ChainPipelineStatus first = run.pipeline.getStatus();
    // the API server keeps a creationTimestamp in whole seconds
    run.update("words", job -> Fixtures.created(job, T0));

    ReconcilePlan again = run.reconcile(planned.plusSeconds(1));

    assertThat(again.newStatus().blocks.getFirst().startTime).isEqualTo(planned.toString());
    assertThat(again.newStatus()).usingRecursiveComparison().isEqualTo(first);
  }

  @Test
  void everyBlockDoneSealsTheOutputAndSucceeds() {
    finishSources();
    run.update("join", job -> Fixtures.complete(job, T0.plusSeconds(30)));

    ReconcilePlan plan = run.reconcile(T0.plusSeconds(31));

    assertThat(plan.outputCommit()).isEqualTo(new ReconcilePlan.OutputCommit("joined",
        "s3://chainblock/disks/team/joined/", OutputSpec.Format.TSV, false));
    ChainPipelineStatus status = run.pipeline.getStatus();
    assertThat(status.phase).isEqualTo(ChainPipelineStatus.Phase.Succeeded);
    assertThat(status.completionTime).isEqualTo(T0.plusSeconds(30).toString());
    assertThat(condition(Conditions.SUCCEEDED).getStatus()).isEqualTo("True");
    assertThat(condition(Conditions.FAILED).getStatus()).isEqualTo("False");
    assertThat(plan.events()).extracting(PipelineEvent::reason)
        .containsExactly(PipelineEvent.Reason.BlockSucceeded, PipelineEvent.Reason.PipelineSucceeded);

    ReconcilePlan after = run.reconcile(T0.plusSeconds(40));
    assertThat(after.outputCommit()).isNull();
    assertThat(after.events()).isEmpty();
  }

  @Test
  void aSucceededRunWhoseJobsWereRemovedStartsNothing() {
    finishSources();
    run.update("join", job -> Fixtures.complete(job, T0.plusSeconds(30)));
    run.reconcile(T0.plusSeconds(31));
    run.jobs.clear();
    run.plan = null;

    ReconcilePlan plan = run.reconcile(T0.plusSeconds(99));

    assertThat(plan.jobsToCreate()).isEmpty();
    assertThat(plan.configMap()).isNull();
    assertThat(plan.newStatus().phase).isEqualTo(ChainPipelineStatus.Phase.Succeeded);
  }

  @Test
  void countersAreSummedFromTheShardsThatSucceeded() {
    run.reconcile(T0);
    Job words = run.job("words");
    run.pods.add(Fixtures.shardPod(words, 0, 0, 0, Fixtures.counters(0, 10, 20, 100, 200)));
    run.pods.add(Fixtures.shardPod(words, 1, 0, 75, "{\"phase\":\"Failed\",\"recordsIn\":5,\"error\":\"S3 timed out\"}"));
    run.pods.add(Fixtures.shardPod(words, 1, 1, 0, Fixtures.counters(1, 1, 2, 3, 4)));
    run.update("words", job -> Fixtures.running(job, 2));

    run.reconcile(T0.plusSeconds(5));

    BlockStatus block = run.pipeline.getStatus().blocks.get(0);
    assertThat(block.succeeded).isEqualTo(2);
    assertThat(block.recordsIn).isEqualTo(11);
    assertThat(block.recordsOut).isEqualTo(22);
    assertThat(block.bytesIn).isEqualTo(103);
    assertThat(block.bytesOut).isEqualTo(204);
  }

  @Test
  void aJobCompleteBeforeItsLastReportsStartsTheNextBlockAtOnceAndItsCountersFollow() {
    run.reconcile(T0);
    reportAll("stops", 7);
    run.update("stops", job -> Fixtures.complete(job, T0.plusSeconds(8)));
    run.reconcile(T0.plusSeconds(8));
    Job words = run.job("words");
    for (int i = 0; i < 3; i++) {
      run.pods.add(Fixtures.shardPod(words, i, 0, 0, Fixtures.counters(i, 10, 20, 100, 200)));
    }
    // The pod watch lags the Job watch: shard 3's pod succeeded, but its report is not seen yet.
    run.pods.add(Fixtures.shardRunning(Fixtures.shardPod(words, 3, 0), T0.plusSeconds(2)));
    run.update("words", job -> Fixtures.complete(job, T0.plusSeconds(10)));

    ReconcilePlan completed = run.reconcile(T0.plusSeconds(10));

    assertThat(completed.jobsToCreate()).extracting(j -> j.getMetadata().getName())
        .containsExactly("wordjoin-join-3f2a9");
    assertThat(block("words")).extracting(b -> b.phase, b -> b.succeeded, b -> b.counted, b -> b.recordsIn,
        b -> b.recordsOut, b -> b.bytesIn, b -> b.bytesOut, b -> b.message)
        .containsExactly(BlockStatus.Phase.Succeeded, 4, 3, 30L, 60L, 300L, 600L, null);
    assertThat(completed.events()).filteredOn(e -> e.reason() == PipelineEvent.Reason.BlockSucceeded)
        .extracting(PipelineEvent::message).containsExactly("block 'words' succeeded: 4 shards, 30 records in, 60 out"
            + " from the 3 shards reported so far; its status adds the others as their reports arrive");
    assertThat(completed.replanAt()).isEqualTo(T0.plusSeconds(10).plus(BlockCounters.WAIT));

    run.pods.set(run.pods.size() - 1, Fixtures.shardPod(words, 3, 0, 0, Fixtures.counters(3, 1, 2, 3, 4)));
    ReconcilePlan reported = run.reconcile(T0.plusSeconds(11));

    assertThat(block("words")).extracting(b -> b.phase, b -> b.counted, b -> b.recordsIn, b -> b.recordsOut,
        b -> b.bytesIn, b -> b.bytesOut, b -> b.completionTime)
        .containsExactly(BlockStatus.Phase.Succeeded, 4, 31L, 62L, 303L, 604L, T0.plusSeconds(10).toString());
    assertThat(reported.jobsToCreate()).isEmpty();
    assertThat(reported.events()).isEmpty();
    assertThat(reported.replanAt()).isNull();
  }

  @Test
  void aLateReportOfTheLastBlockCompletesTheCountersOfTheSucceededPipeline() {
    finishSources();
    Job join = run.job("join");
    run.pods.add(Fixtures.shardPod(join, 0, 0, 0, Fixtures.counters(0, 6, 6, 60, 60)));
    run.update("join", job -> Fixtures.complete(job, T0.plusSeconds(30)));
    ReconcilePlan succeeded = run.reconcile(T0.plusSeconds(30));
    assertThat(succeeded.outputCommit()).isNotNull();
    assertThat(run.pipeline.getStatus().phase).isEqualTo(ChainPipelineStatus.Phase.Succeeded);
    assertThat(block("join")).extracting(b -> b.counted, b -> b.recordsIn).containsExactly(1, 6L);

    run.pods.add(Fixtures.shardPod(join, 1, 0, 0, Fixtures.counters(1, 4, 4, 40, 40)));
    ReconcilePlan reported = run.reconcile(T0.plusSeconds(31));

    ChainPipelineStatus status = run.pipeline.getStatus();
    assertThat(status.phase).isEqualTo(ChainPipelineStatus.Phase.Succeeded);
    assertThat(status.completionTime).isEqualTo(T0.plusSeconds(30).toString());
    assertThat(block("join")).extracting(b -> b.counted, b -> b.recordsIn, b -> b.bytesOut)
        .containsExactly(2, 10L, 100L);
    assertThat(reported.outputCommit()).isNull();
    assertThat(reported.events()).isEmpty();
    assertThat(reported.replanAt()).isNull();
  }

  @Test
  void aRetriedShardReportedLateIsCountedOnceByItsSucceededAttempt() {
    run.reconcile(T0);
    Job words = run.job("words");
    run.pods.add(Fixtures.shardPod(words, 0, 0, 0, Fixtures.counters(0, 10, 10, 100, 100)));
    run.pods.add(Fixtures.shardPod(words, 1, 0, 75,
        "{\"phase\":\"Failed\",\"recordsIn\":5,\"error\":\"S3 timed out\"}"));
    run.pods.add(Fixtures.shardPod(words, 2, 0, 0, Fixtures.counters(2, 10, 10, 100, 100)));
    run.pods.add(Fixtures.shardPod(words, 3, 0, 0, Fixtures.counters(3, 10, 10, 100, 100)));
    run.update("words", job -> Fixtures.complete(job, T0.plusSeconds(10)));
    run.reconcile(T0.plusSeconds(10));
    assertThat(block("words")).extracting(b -> b.counted, b -> b.recordsIn).containsExactly(3, 30L);

    run.pods.add(Fixtures.shardPod(words, 1, 1, 0, Fixtures.counters(1, 1, 1, 10, 10)));
    run.reconcile(T0.plusSeconds(11));
    // The Job controller may run an index twice; only one attempt's output is kept.
    run.pods.add(Fixtures.shardPod(words, 1, 1, 0, Fixtures.counters(1, 1, 1, 10, 10)));
    run.pods.add(Fixtures.shardPod(words, 2, 1, 0, Fixtures.counters(2, 10, 10, 100, 100)));
    run.reconcile(T0.plusSeconds(12));
    ReconcilePlan again = run.reconcile(T0.plusSeconds(13));

    assertThat(block("words")).extracting(b -> b.succeeded, b -> b.counted, b -> b.recordsIn, b -> b.recordsOut,
        b -> b.bytesIn, b -> b.bytesOut).containsExactly(4, 4, 31L, 31L, 310L, 310L);
    assertThat(again.events()).isEmpty();
  }

  @Test
  void reportsStillMissingAMinuteAfterTheBlockSucceededAreToldOnceAndCountersNeverShrink() {
    run.reconcile(T0);
    Job words = run.job("words");
    for (int i = 0; i < 3; i++) {
      run.pods.add(Fixtures.shardPod(words, i, 0, 0, Fixtures.counters(i, 10, 10, 100, 100)));
    }
    run.update("words", job -> Fixtures.complete(job, T0.plusSeconds(10)));
    run.reconcile(T0.plusSeconds(10));
    // A user deletes the block's pods before shard 3's report was read.
    run.pods.clear();

    ReconcilePlan waiting = run.reconcile(T0.plusSeconds(69));
    assertThat(block("words")).extracting(b -> b.counted, b -> b.recordsIn, b -> b.message)
        .containsExactly(3, 30L, null);
    assertThat(waiting.events()).isEmpty();
    assertThat(waiting.replanAt()).isEqualTo(T0.plusSeconds(70));

    ReconcilePlan due = run.reconcile(T0.plusSeconds(70));

    String message = "counters of 3 of 4 shards only: the other shards' reports were still unread 60s after the block"
        + " succeeded; their pods were probably deleted before the operator could read them";
    assertThat(block("words")).extracting(b -> b.phase, b -> b.counted, b -> b.recordsIn, b -> b.message)
        .containsExactly(BlockStatus.Phase.Succeeded, 3, 30L, message);
    assertThat(due.events()).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo(PipelineEvent.Reason.CountersIncomplete);
      assertThat(e.reason().type()).isEqualTo("Warning");
      assertThat(e.block()).isEqualTo("words");
      assertThat(e.message()).isEqualTo("block 'words': " + message);
    });
    assertThat(due.replanAt()).isNull();
    assertThat(run.reconcile(T0.plusSeconds(80)).events()).isEmpty();

    Job stops = run.job("stops");
    run.pods.add(Fixtures.shardPod(stops, 0, 0, 65, "{\"phase\":\"Failed\",\"error\":\"block stops: bad input\"}"));
    run.update("stops", job -> Fixtures.failed(job, "0", 0, T0.plusSeconds(90)));
    ReconcilePlan failed = run.reconcile(T0.plusSeconds(90));

    String failure = "block 'stops' failed: shard 0 failed for good; shard 0 (attempt 0): block stops: bad input";
    assertThat(condition(Conditions.FAILED).getMessage()).isEqualTo(failure);
    assertThat(failed.events()).filteredOn(e -> e.reason() == PipelineEvent.Reason.PipelineFailed)
        .extracting(PipelineEvent::message).containsExactly(failure);
  }

  @Test
  void aFailedJobFailsThePipelineNamingBlockIndexesAndTheShardsError() {
    run.reconcile(T0);
    Job words = run.job("words");
    run.pods.add(Fixtures.shardPod(words, 2, 0, 65,
        "{\"phase\":\"Failed\",\"error\":\"block words: no such file: /missing\"}"));
    run.update("words", job -> Fixtures.failed(job, "2", 3, T0.plusSeconds(8)));

    ReconcilePlan plan = run.reconcile(T0.plusSeconds(9));

    String expected = "block 'words' failed: shard 2 failed for good; shard 2 (attempt 0): block words: no such"
        + " file: /missing";
    ChainPipelineStatus status = run.pipeline.getStatus();
    assertThat(status.phase).isEqualTo(ChainPipelineStatus.Phase.Failed);
    assertThat(status.blocks.get(0).message).isEqualTo(expected);
    assertThat(status.blocks.get(0).failed).isEqualTo(1);
    assertThat(condition(Conditions.FAILED).getMessage()).isEqualTo(expected);
    assertThat(condition(Conditions.SUCCEEDED).getStatus()).isEqualTo("False");
    assertThat(plan.jobsToPatch()).containsExactly(new ReconcilePlan.JobPatch("wordjoin-stops-3f2a9", null, true));
    assertThat(plan.events()).extracting(PipelineEvent::reason)
        .containsExactly(PipelineEvent.Reason.BlockFailed, PipelineEvent.Reason.PipelineFailed);
    assertThat(plan.events().get(0).message()).isEqualTo(expected);

    run.update("stops", job -> Fixtures.complete(job, T0.plusSeconds(20)));
    assertThat(run.reconcile(T0.plusSeconds(21)).jobsToCreate()).isEmpty();
  }

  @Test
  void aShardKilledWithoutReportingIsDescribedByItsExitAndLog() {
    run.reconcile(T0);
    Job stops = run.job("stops");
    run.pods.add(Fixtures.shardPod(stops, 0, 2, 137, "java.lang.OutOfMemoryError: Java heap space"));
    run.update("stops", job -> Fixtures.failed(job, "0", 0, T0.plusSeconds(8)));

    run.reconcile(T0.plusSeconds(9));

    assertThat(run.pipeline.getStatus().blocks.get(1).message).isEqualTo("block 'stops' failed: shard 0 failed"
        + " for good; shard 0 (attempt 2): exit code 137 (Error): java.lang.OutOfMemoryError: Java heap space");
  }

  @Test
  void changingParallelismWhileRunningPatchesTheJob() {
    run.reconcile(T0);
    run.pipeline.getSpec().blocks.get(0).parallelism = 3;
    run.pipeline.getMetadata().setGeneration(2L);

    ReconcilePlan plan = run.reconcile(T0.plusSeconds(1));

    assertThat(plan.jobsToPatch()).containsExactly(new ReconcilePlan.JobPatch("wordjoin-words-3f2a9", 3, null));
    assertThat(plan.newStatus().observedGeneration).isEqualTo(2L);
    assertThat(plan.newStatus().conditions).extracting(Condition::getType).doesNotContain(Conditions.SPEC_CHANGE_REFUSED);
    assertThat(run.reconcile(T0.plusSeconds(2)).jobsToPatch()).isEmpty();
  }

  @Test
  void anyOtherChangeAfterTheStartIsRefusedAndTheRunGoesOnAsStarted() {
    run.reconcile(T0);
    run.pipeline.getSpec().blocks.get(2).function.builtin = "count";
    run.pipeline.getMetadata().setGeneration(2L);
    run.update("words", job -> Fixtures.complete(job, T0.plusSeconds(3)));
    run.update("stops", job -> Fixtures.complete(job, T0.plusSeconds(3)));

    ReconcilePlan plan = run.reconcile(T0.plusSeconds(4));

    Condition refused = condition(Conditions.SPEC_CHANGE_REFUSED);
    assertThat(refused.getStatus()).isEqualTo("True");
    assertThat(refused.getMessage()).startsWith("spec.blocks[2].function.builtin changed after the run started");
    assertThat(plan.events()).extracting(PipelineEvent::reason).contains(PipelineEvent.Reason.SpecChangeRefused);
    assertThat(plan.jobsToCreate()).singleElement().satisfies(join ->
        assertThat(join.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("join"));
    assertThat(PlanConfigMap.startedSpec(run.plan).blocks.get(2).function.builtin).isEqualTo("concat");
    assertThat(run.reconcile(T0.plusSeconds(5)).events()).isEmpty();
  }

  @Test
  void anInvalidPipelineFailsWithTheValidatorsMessageAndCreatesNothing() {
    InMemoryRun invalid = new InMemoryRun(Fixtures.pipeline(JOIN.replace("inputs: [words, stops]",
        "inputs: [words, stpos]")), Fixtures.joinDisks());

    ReconcilePlan plan = invalid.reconcile(T0);

    assertThat(plan.configMap()).isNull();
    assertThat(plan.jobsToCreate()).isEmpty();
    ChainPipelineStatus status = invalid.pipeline.getStatus();
    assertThat(status.phase).isEqualTo(ChainPipelineStatus.Phase.Failed);
    Condition valid = Conditions.find(status.conditions, Conditions.VALID);
    assertThat(valid.getStatus()).isEqualTo("False");
    assertThat(valid.getMessage()).startsWith("spec.blocks[2].inputs[1]: unknown input 'stpos'");
    assertThat(plan.events()).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo(PipelineEvent.Reason.InvalidPipeline);
      assertThat(e.reason().type()).isEqualTo("Warning");
      assertThat(e.message()).isEqualTo(valid.getMessage());
    });
    assertThat(invalid.reconcile(T0.plusSeconds(1)).events()).isEmpty();
  }

  @Test
  void aMissingDiskIsInvalidUntilTheDiskIsCreated() {
    InMemoryRun waiting = new InMemoryRun(Fixtures.pipeline(JOIN), List.of(Fixtures.disk("corpus")));

    waiting.reconcile(T0);
    assertThat(Conditions.find(waiting.pipeline.getStatus().conditions, Conditions.VALID).getMessage())
        .isEqualTo("spec.blocks[1].source.disk: Disk 'stopwords' is not defined: create a Disk named 'stopwords'"
            + " in the pipeline's namespace");
    waiting.disks.add(Fixtures.disk("stopwords"));

    assertThat(waiting.reconcile(T0.plusSeconds(1)).jobsToCreate()).hasSize(2);
    assertThat(waiting.pipeline.getStatus().phase).isEqualTo(ChainPipelineStatus.Phase.Running);
  }

  @Test
  void thePlanConfigMapHoldsThePlanFileWithTheRunsLocations(@TempDir Path dir) throws Exception {
    run.disks.set(0, Fixtures.disk("corpus"));
    run.disks.get(0).getSpec().bucket = "raw";
    run.disks.get(0).getSpec().prefix = "mbox/";

    run.reconcile(T0);

    assertThat(run.plan.getMetadata().getName()).isEqualTo("wordjoin-3f2a9-plan");
    assertThat(run.plan.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(Fixtures.UID));
    Path file = dir.resolve("plan.json");
    Files.writeString(file, run.plan.getData().get(PlanConfigMap.PLAN_KEY));
    PlanFile plan = PlanFile.read(file);
    assertThat(plan.plan().runId()).isEqualTo(Fixtures.UID);
    assertThat(plan.plan().namespace()).isEqualTo("team");
    assertThat(plan.locations().intermediates()).isEqualTo("s3://chainblock/");
    assertThat(plan.locations().output()).isEqualTo("s3://chainblock/disks/team/joined/");
    assertThat(plan.locations().disks()).containsEntry("corpus", "s3://raw/mbox/")
        .containsEntry("stopwords", "s3://chainblock/disks/team/stopwords/");
  }

  private void finishSources() {
    run.reconcile(T0);
    reportAll("words", 5);
    reportAll("stops", 1);
    run.update("words", job -> Fixtures.complete(job, T0.plusSeconds(10)));
    run.update("stops", job -> Fixtures.complete(job, T0.plusSeconds(10)));
    run.reconcile(T0.plusSeconds(11));
  }

  /** Every shard of the block succeeded and reported {@code recordsIn} records in and out. */
  private void reportAll(String block, long recordsIn) {
    Job job = run.job(block);
    for (int i = 0; i < job.getSpec().getCompletions(); i++) {
      run.pods.add(Fixtures.shardPod(job, i, 0, 0, Fixtures.counters(i, recordsIn, recordsIn, 0, 0)));
    }
  }

  private BlockStatus block(String name) {
    return run.pipeline.getStatus().blocks.stream().filter(b -> name.equals(b.name)).findFirst().orElseThrow();
  }

  private Condition condition(String type) {
    return Conditions.find(run.pipeline.getStatus().conditions, type);
  }
}
