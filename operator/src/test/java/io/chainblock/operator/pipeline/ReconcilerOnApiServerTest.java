package io.chainblock.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.api.v1alpha1.Disk;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler in a JOSDK operator against an API server (Fabric8's mock server in CRUD mode:
 * it stores, lists and watches objects like a real one, without schema validation).
 */
@EnableKubernetesMockClient(crud = true)
class ReconcilerOnApiServerTest {
  private static final String NS = "team";
  KubernetesClient client;
  @TempDir Path storage;

  @Test
  void runsTheDagBlockByBlockAndSealsTheOutput() throws Exception {
    JobController jobs = new JobController(client, NS);
    try (OperatorUnderTest operator = new OperatorUnderTest(client, storage, PipelineListener.NONE)) {
      String uid = apply(Fixtures.JOIN);
      String words = ResourceNames.job("wordjoin", "words", uid);
      String stops = ResourceNames.job("wordjoin", "stops", uid);
      String join = ResourceNames.job("wordjoin", "join", uid);
      jobs.awaitJob(words);
      jobs.awaitJob(stops);
      Files.createDirectories(storage.resolve("chainblock/disks/team/joined"));
      Files.writeString(storage.resolve("chainblock/disks/team/joined/part-00000"), "a\t1\n");

      jobs.complete(words, 5);
      jobs.awaitPipeline("wordjoin", p -> "1/3".equals(p.getStatus().blocksDone), "with words done");
      assertThat(jobs.jobs()).extracting(j -> j.getMetadata().getName()).containsExactlyInAnyOrder(words, stops);
      jobs.complete(stops, 1);
      jobs.complete(join, 2);

      ChainPipeline done = jobs.awaitPipeline("wordjoin",
          p -> p.getStatus().phase == ChainPipelineStatus.Phase.Succeeded, "Succeeded");
      assertThat(done.getStatus().blocksDone).isEqualTo("3/3");
      assertThat(done.getStatus().shardsDone).isEqualTo("7/7");
      assertThat(done.getStatus().blocks.get(0).recordsIn).isEqualTo(20);
      assertThat(Conditions.find(done.getStatus().conditions, "Succeeded").getStatus()).isEqualTo("True");
      assertThat(Files.readString(storage.resolve("chainblock/disks/team/joined/_manifest.json"))).contains("part-00000");
      assertThat(client.resources(Disk.class).inNamespace(NS).withName("joined").get()).isNotNull();
      // events are recorded after the status that reports them is written
      List<String> reasons = JobController.await("the PipelineSucceeded event", () -> Optional.of(eventReasons("wordjoin"))
          .filter(r -> r.contains("PipelineSucceeded")));
      assertThat(reasons).contains("BlockStarted", "BlockSucceeded", "PipelineSucceeded");
    }
  }

  @Test
  void anOperatorRestartedMidRunStartsNothingTwice() throws Exception {
    JobController jobs = new JobController(client, NS);
    String uid;
    Map<String, String> firstUids;
    try (OperatorUnderTest first = new OperatorUnderTest(client, storage, PipelineListener.NONE)) {
      uid = apply(Fixtures.JOIN);
      jobs.awaitJob(ResourceNames.job("wordjoin", "words", uid));
      jobs.awaitJob(ResourceNames.job("wordjoin", "stops", uid));
      firstUids = jobUids();
    }
    jobs.complete(ResourceNames.job("wordjoin", "words", uid), 1);
    jobs.complete(ResourceNames.job("wordjoin", "stops", uid), 1);
    try (OperatorUnderTest second = new OperatorUnderTest(client, storage, PipelineListener.NONE)) {
      jobs.awaitJob(ResourceNames.job("wordjoin", "join", uid));
      jobs.awaitPipeline("wordjoin", p -> "2/3".equals(p.getStatus().blocksDone), "with both sources done");
      assertThat(jobUids()).containsAllEntriesOf(firstUids).hasSize(3);
      // events are recorded after the Job they report is created
      long started = JobController.await("three BlockStarted events", () -> Optional.of(
          eventReasons("wordjoin").stream().filter("BlockStarted"::equals).count()).filter(n -> n >= 3));
      assertThat(started).isEqualTo(3);
    }
  }

  @Test
  void aShardsUserErrorFailsThePipelineWithItsMessage() throws Exception {
    JobController jobs = new JobController(client, NS);
    try (OperatorUnderTest operator = new OperatorUnderTest(client, storage, PipelineListener.NONE)) {
      String uid = apply(Fixtures.JOIN);
      jobs.fail(ResourceNames.job("wordjoin", "words", uid), 3, "block words: bad regex");

      ChainPipeline failed = jobs.awaitPipeline("wordjoin",
          p -> p.getStatus().phase == ChainPipelineStatus.Phase.Failed, "Failed");
      assertThat(Conditions.find(failed.getStatus().conditions, "Failed").getMessage())
          .isEqualTo("block 'words' failed: shard 3 failed for good; shard 3 (attempt 0): block words: bad regex");
      Job stops = jobs.awaitJob(ResourceNames.job("wordjoin", "stops", uid));
      JobController.await("stops suspended", () -> java.util.Optional.of(jobs.awaitJob(stops.getMetadata().getName()))
          .filter(j -> Boolean.TRUE.equals(j.getSpec().getSuspend())));
      List<String> reasons = JobController.await("the PipelineFailed event", () -> Optional.of(eventReasons("wordjoin"))
          .filter(r -> r.contains("PipelineFailed")));
      assertThat(reasons).contains("BlockFailed", "PipelineFailed");
    }
  }

  private String apply(String yaml) throws Exception {
    for (Disk disk : Fixtures.joinDisks()) {
      client.resource(disk).create();
    }
    ChainPipeline pipeline = new YAMLMapper().readValue(yaml, ChainPipeline.class);
    return client.resource(pipeline).create().getMetadata().getUid();
  }

  private Map<String, String> jobUids() {
    return client.batch().v1().jobs().inNamespace(NS).list().getItems().stream()
        .collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j.getMetadata().getUid()));
  }

  private List<String> eventReasons(String pipeline) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> pipeline.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason).toList();
  }
}
