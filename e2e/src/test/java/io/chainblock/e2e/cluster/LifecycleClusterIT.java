package io.chainblock.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.BlockStatus;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.e2e.Cli;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline's life on the cluster besides running: refused when invalid, and cleaned up when deleted. */
@ExtendWith(OnCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleClusterIT {
  private static final Duration RUN = Duration.ofMinutes(8);

  private ClusterNamespace ns;
  private Scenarios scenarios;

  @BeforeAll
  void startBoth(Cluster cluster, @TempDir Path tmp) {
    ns = new ClusterNamespace(cluster, "lifecycle");
    scenarios = new Scenarios(tmp);
    scenarios.start("invalid", this::applyAnInvalidPipeline);
    scenarios.start("delete", this::deleteARunningPipeline);
  }

  /**
   * The word-count sample with a typo in an input: the operator fails it with Valid=False and the
   * problem {@code chainblock validate} prints, tells it in an Event, and creates no Job (nor the
   * plan the Jobs would mount).
   */
  @Test
  void anInvalidPipelineFailsWithValidFalseAndCreatesNoJob() throws Throwable {
    scenarios.await("invalid");
  }

  /**
   * A pipeline deleted while its second block runs: {@code kubectl delete} returns once the
   * operator's finalizer has removed the run's intermediate objects, and the run's Jobs, pods and
   * plan go with it; the input Disk stays.
   */
  @Test
  void deletingARunningPipelineRemovesItsJobsAndItsIntermediateObjects() throws Throwable {
    scenarios.await("delete");
  }

  private void applyAnInvalidPipeline(Path tmp) throws IOException {
    Path file = tmp.resolve("typo.yaml");
    Files.writeString(file, Files.readString(Cli.sample("wordcount.yaml"))
        .replace("inputs: [split]", "inputs: [spilt]").replace("name: wordcount\n", "name: typo\n"));
    Cli validate = Cli.run("validate", file.toString());
    assertThat(validate.exitCode()).isEqualTo(3);
    String problem = (validate.out() + validate.err()).strip().substring(file.toString().length() + 2);
    assertThat(problem).startsWith("spec.blocks[1].inputs[0]: unknown input 'spilt'");

    ns.apply(file);
    ChainPipeline failed = ns.awaitCondition("typo", "Failed", RUN);

    ChainPipelineStatus status = failed.getStatus();
    assertThat(status.phase).isEqualTo(ChainPipelineStatus.Phase.Failed);
    assertThat(List.of(status.blocksDone, status.shardsDone)).containsExactly("0/2", "0/6");
    Condition valid = Checks.condition(failed, "Valid");
    assertThat(List.of(valid.getStatus(), valid.getReason(), valid.getMessage()))
        .containsExactly("False", "InvalidSpec", problem);
    assertThat(Checks.condition(failed, "Failed").getStatus()).isEqualTo("True");
    assertThat(Checks.condition(failed, "Succeeded").getStatus()).isEqualTo("False");
    assertThat(ns.jobs("typo")).as("Jobs of an invalid pipeline").isEmpty();
    assertThat(ns.client().configMaps().inNamespace(ns.name())
        .withLabel("chainblock.io/run", failed.getMetadata().getUid()).list().getItems()).as("plan ConfigMaps").isEmpty();
    Await.holds("an InvalidPipeline event", Duration.ofSeconds(60), () -> ns.events("typo").stream()
        .anyMatch(e -> "InvalidPipeline".equals(e.getReason()) && "Warning".equals(e.getType())
            && e.getMessage().contains(problem)), ns::diagnostics);
  }

  private void deleteARunningPipeline(Path tmp) throws IOException {
    Path input = Files.write(tmp.resolve("letters.txt"), IntStream.range(0, 300)
        .mapToObj(i -> "alpha beta gamma " + (char) ('a' + i % 26)).toList());
    ns.diskPut("letters", List.of(input));
    ns.apply(ClusterNamespace.pipelineFile("delete-while-running.yaml"));

    Await.holds("block hold running, after block first succeeded", RUN, () -> {
      ChainPipeline p = ns.pipeline("doomed");
      return p != null && p.getStatus() != null && p.getStatus().blocks.size() == 2
          && p.getStatus().blocks.get(0).phase == BlockStatus.Phase.Succeeded
          && ns.pods("doomed", "hold").stream().anyMatch(pod -> ns.log(pod).contains("holding"));
    }, ns::diagnostics);
    ChainPipeline running = ns.pipeline("doomed");
    String intermediates = ns.runPrefix(running);
    Map<String, Long> written = ns.cluster().store().list(intermediates);
    assertThat(written).as("intermediate objects of the run under %s", intermediates).isNotEmpty();

    ns.cluster().kubectl().run("delete", "chainpipeline", "doomed", "-n", ns.name(), "--timeout=180s");

    assertThat(ns.pipeline("doomed")).isNull();
    assertThat(ns.cluster().store().list(intermediates)).as("intermediate objects left under %s", intermediates).isEmpty();
    String uid = running.getMetadata().getUid();
    Await.holds("no Job, pod or ConfigMap of the deleted run", Duration.ofSeconds(90),
        () -> ns.jobs("doomed").isEmpty() && ns.pods("doomed").isEmpty()
            && ns.client().configMaps().inNamespace(ns.name()).withLabel("chainblock.io/run", uid).list().getItems().isEmpty(),
        ns::diagnostics);
    assertThat(ns.disk("letters")).as("the input Disk").isNotNull();
    assertThat(ns.cluster().store().list(ns.diskPrefix("letters"))).as("the input Disk's objects").isNotEmpty();
  }
}
