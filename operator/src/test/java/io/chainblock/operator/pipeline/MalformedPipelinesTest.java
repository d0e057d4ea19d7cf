package io.chainblock.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.chainblock.operator.RealApiServer;
import io.chainblock.operator.TestApiServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator's catalogue of broken pipeline files (runtime-image's test resources), each applied
 * with kubectl to a namespace of its own on a real API server while one operator watches them all.
 * A file is refused at apply time (by kubectl, or by the API server checking the CRD's schema) with
 * an error naming the fault, or its pipeline ends Failed with Valid=False naming the faulty fields,
 * an InvalidPipeline Event saying the same, and no Job. The operator carries on: the wordcount
 * sample applied afterwards runs to Succeeded.
 */
@ExtendWith(RealApiServer.class)
class MalformedPipelinesTest {
  private static final Path INVALID = RealApiServer.REPO.resolve("runtime-image/src/test/resources/pipelines/invalid");
  /** The field an {@code # expect:} line names, after the file position some lines start with. */
  private static final Pattern EXPECTED_FIELD =
      Pattern.compile("^# expect: (?:\\S+\\.yaml:(?:\\d+:\\d+:)? )?(spec[\\w.\\[\\]]*):", Pattern.MULTILINE);
  /**
   * Files whose fault the cluster meets otherwise than the local validator, which reads the file as
   * a whole: what the refusal or the Valid condition names instead.
   */
  private static final Map<String, String> CLUSTER_SAYS = Map.of(
      // kubectl's YAML parser stops a line earlier than the validator's
      "bad-indentation", "yaml: line 7",
      // kubectl reads {x: y} as YAML 1.1 does, x: true, and the schema takes strings only
      "bad-class-name", "spec.blocks[0].function.args.x: Invalid value: \"boolean\"",
      // kubectl keeps the last of the two keys, which leaves the block without a function
      "duplicate-key", "spec.blocks[0].function: Required value",
      "missing-name", "resource name may not be empty",
      "other-kind", "no matches for kind \"ChainPipline\"",
      "wrong-api-version", "no matches for kind \"ChainPipeline\" in version \"chainblock.io/v1\"",
      // the Disk's chunk size is a fault only for a block reading it; the pipeline has no spec at all
      "chunk-size", "spec.blocks: no blocks",
      // kubectl applies each of the two pipelines, and neither has blocks
      "two-pipelines", "spec.blocks: no blocks");

  @Test
  void everyMalformedPipelineIsRefusedOrMarkedInvalidAndNothingRuns(TestApiServer server, KubernetesClient client,
      @TempDir Path storage) throws IOException {
    // Watching every namespace takes one watch a kind, not one a file; what other test classes
    // left in theirs has finished or waits for Jobs that no one moves.
    try (OperatorUnderTest operator = new OperatorUnderTest(client, storage, Set.of())) {
      List<Applied> files = new ArrayList<>();
      for (Path file : files()) {
        files.add(apply(server, client, file));
      }

      SoftAssertions softly = new SoftAssertions();
      int invalid = 0;
      for (Applied file : files) {
        List<ChainPipeline> pipelines = client.resources(ChainPipeline.class).inNamespace(file.namespace()).list()
            .getItems();
        if (file.refusal() != null) {
          softly.assertThat(file.refusalNamesTheFault()).as("%s refused with: %s", file.name(), file.refusal())
              .isTrue();
          softly.assertThat(pipelines).as(file.name() + " is refused whole").isEmpty();
          continue;
        }
        if (pipelines.isEmpty()) {
          softly.assertThat(file.text()).as(file.name() + " holds no pipeline").contains("no ChainPipeline");
        }
        for (ChainPipeline pipeline : pipelines) {
          String name = file.name() + "/" + pipeline.getMetadata().getName();
          // kubectl creates a file's objects one by one, so the operator may first find the pipeline
          // without its Disk, and say so, until the Disk's creation makes it look again
          ChainPipeline settled = eventually(() -> client.resources(ChainPipeline.class).inNamespace(file.namespace())
              .withName(pipeline.getMetadata().getName()).get(), p -> file.namesEveryFault(validMessage(p)));
          Condition valid = Conditions.find(settled.getStatus().conditions, Conditions.VALID);
          softly.assertThat(settled.getStatus().phase).as(name).isEqualTo(ChainPipelineStatus.Phase.Failed);
          softly.assertThat(valid.getStatus()).as(name).isEqualTo("False");
          softly.assertThat(file.namesEveryFault(valid.getMessage())).as("%s has Valid: %s", name, valid.getMessage())
              .isTrue();
          softly.assertThat(eventually(() -> invalidPipelineEvents(client, file.namespace(), pipeline),
              messages -> messages.contains(valid.getMessage()))).as(name).contains(valid.getMessage());
          softly.assertThat(client.batch().v1().jobs().inNamespace(file.namespace()).list().getItems()).as(name)
              .isEmpty();
          invalid++;
        }
      }
      softly.assertAll();
      assertThat(invalid).as("pipelines marked Valid=False").isGreaterThanOrEqualTo(20);

      try (JobController jobs = JobController.inNewNamespace(client, "after-malformed")) {
        server.kubectl().run("apply", "-f", RealApiServer.REPO.resolve("samples/wordcount.yaml").toString(),
            "-n", jobs.namespace());
        String uid = jobs.awaitPipeline("wordcount", p -> p.getStatus().phase != null, "running").getMetadata().getUid();
        jobs.complete(ResourceNames.job("wordcount", "split", uid), 3);
        jobs.complete(ResourceNames.job("wordcount", "count", uid), 2);
        assertThat(jobs.awaitPipeline("wordcount", p -> p.getStatus().phase == ChainPipelineStatus.Phase.Succeeded,
            "Succeeded").getStatus().shardsDone).isEqualTo("6/6");
        // events are recorded after the status they report; the operator must not stop in between
        JobController.await("the PipelineSucceeded event", () -> client.v1().events().inNamespace(jobs.namespace())
            .list().getItems().stream().filter(e -> "PipelineSucceeded".equals(e.getReason())).findFirst());
      }
    }
  }

  /**
   * One file applied to a namespace of its own.
   *
   * @param fields the fields its {@code # expect:} lines name
   * @param clusterSays what names the fault instead, for a file the cluster meets otherwise; or null
   * @param refusal kubectl's error, or null when it applied the file
   */
  private record Applied(String name, String namespace, String text, List<String> fields, String clusterSays,
      String refusal) {

    /** The API server checks the schema, not what the validator checks: one faulty field, or one inside it, will do. */
    boolean refusalNamesTheFault() {
      return clusterSays != null ? refusal.contains(clusterSays) : fields.stream().anyMatch(refusal::contains);
    }

    boolean namesEveryFault(String validMessage) {
      return clusterSays != null ? validMessage.contains(clusterSays)
          : !fields.isEmpty() && fields.stream().allMatch(field -> validMessage.contains(field + ": "));
    }
  }

  private static Applied apply(TestApiServer server, KubernetesClient client, Path file) throws IOException {
    String name = file.getFileName().toString().replace(".yaml", "");
    String namespace = "malformed-" + name;
    String text = Files.readString(file);
    JobController.createNamespace(client, namespace);
    String refusal = null;
    try {
      server.kubectl().run("apply", "-f", file.toString(), "-n", namespace);
    } catch (IllegalStateException refused) {
      refusal = refused.getMessage();
    }
    List<String> fields = EXPECTED_FIELD.matcher(text).results().map(field -> field.group(1)).toList();
    return new Applied(name, namespace, text, fields, CLUSTER_SAYS.get(name), refusal);
  }

  private static String validMessage(ChainPipeline pipeline) {
    Condition valid = pipeline.getStatus() == null ? null : Conditions.find(pipeline.getStatus().conditions,
        Conditions.VALID);
    return valid == null ? "" : valid.getMessage();
  }

  /** The messages of the pipeline's InvalidPipeline Events. */
  private static List<String> invalidPipelineEvents(KubernetesClient client, String namespace, ChainPipeline pipeline) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> pipeline.getMetadata().getName().equals(e.getInvolvedObject().getName()))
        .filter(e -> "InvalidPipeline".equals(e.getReason()) && "Warning".equals(e.getType()))
        .map(Event::getMessage).toList();
  }

  /** What {@code read} gives once {@code done} holds, or at the deadline, for the assertions to describe. */
  private static <T> T eventually(Supplier<T> read, Predicate<T> done) {
    try {
      return JobController.await("a settled state", () -> Optional.ofNullable(read.get()).filter(done));
    } catch (AssertionError late) {
      return read.get();
    }
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(INVALID)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
