package io.chainblock.operator.pipeline;

import static io.chainblock.operator.pipeline.Fixtures.JOIN;
import static io.chainblock.operator.pipeline.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressWritesTest {
  private static final ResourceID WORDJOIN = new ResourceID("wordjoin", "team");
  private final InMemoryRun run = new InMemoryRun(Fixtures.pipeline(JOIN), Fixtures.joinDisks());
  private final ProgressWrites progress = new ProgressWrites();

  @Test
  void aShardEndingIsWrittenAtMostOncePerInterval() {
    ChainPipelineStatus started = run.reconcile(T0).newStatus();
    run.update("words", job -> new JobBuilder(job).withNewStatus().withSucceeded(1).endStatus().build());
    ChainPipelineStatus oneShard = run.reconcile(T0.plusMillis(300)).newStatus();

    assertThat(ProgressWrites.onlyProgress(started, oneShard)).isTrue();
    assertThat(progress.holdBack(WORDJOIN, started, oneShard, T0.plusMillis(300))).isZero();
    progress.written(WORDJOIN, T0);
    assertThat(progress.holdBack(WORDJOIN, started, oneShard, T0.plusMillis(300))).isEqualTo(Duration.ofMillis(700));
    assertThat(progress.holdBack(WORDJOIN, started, oneShard, T0.plus(ProgressWrites.INTERVAL))).isZero();
  }

  @Test
  void aBlockThatCompletesIsWrittenAtOnce() {
    ChainPipelineStatus started = run.reconcile(T0).newStatus();
    progress.written(WORDJOIN, T0);
    run.update("words", job -> Fixtures.complete(job, T0.plusMillis(300)));
    ChainPipelineStatus wordsDone = run.reconcile(T0.plusMillis(300)).newStatus();

    assertThat(ProgressWrites.onlyProgress(started, wordsDone)).isFalse();
    assertThat(progress.holdBack(WORDJOIN, started, wordsDone, T0.plusMillis(300))).isZero();
  }
}
