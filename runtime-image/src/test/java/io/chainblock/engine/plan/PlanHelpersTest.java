package io.chainblock.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineSpec;
import io.chainblock.api.v1alpha1.SourceSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanHelpersTest {
  @Test
  void inputsSplitAtTheFirstDot() {
    assertThat(Inputs.parse("split")).isEqualTo(new Inputs.Input("split", ""));
    assertThat(Inputs.parse("split.errors")).isEqualTo(new Inputs.Input("split", "errors"));
    assertThat(Inputs.parse("split.errors").toString()).isEqualTo("split.errors");
    assertThat(Inputs.parse("split").isDefaultStream()).isTrue();
  }

  @Test
  void topologicalOrderPutsInputsFirstAndKeepsSpecOrderForTies() {
    ChainPipeline pipeline = pipeline(
        block("report", "count", "errors"),
        block("count", "split"),
        block("errors", "split.errors"),
        block("split"));

    assertThat(TopologicalOrder.of(pipeline)).extracting(block -> block.name)
        .containsExactly("split", "count", "errors", "report");
  }

  @Test
  void topologicalOrderRefusesACycle() {
    assertThatThrownBy(() -> TopologicalOrder.of(pipeline(block("a", "b"), block("b", "a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("form a cycle");
  }

  @Test
  void everyCycleIsReportedOnceAtItsFirstBlock() {
    ChainPipeline pipeline = pipeline(block("a", "b"), block("b", "a"), block("c", "d"), block("d", "c"));

    assertThat(PipelineValidators.standard().validate(pipeline, disk -> true))
        .filteredOn(problem -> problem.message().startsWith("cycle"))
        .extracting(Problem::toString)
        .containsExactly(
            "spec.blocks[0].inputs: cycle a -> b -> a: blocks must not read each other in a loop; remove one of these inputs",
            "spec.blocks[2].inputs: cycle c -> d -> c: blocks must not read each other in a loop; remove one of these inputs");
  }

  @Test
  void theOperatorsDiskCatalogSaysHowToCreateADisk() {
    ChainPipeline pipeline = pipeline(block("split"));
    pipeline.getSpec().blocks.get(0).source = new SourceSpec();
    pipeline.getSpec().blocks.get(0).source.disk = "corpus";

    assertThat(PipelineValidators.standard().validate(pipeline, disk -> false))
        .contains(new Problem("spec.blocks[0].source.disk",
            "Disk 'corpus' is not defined: create a Disk named 'corpus' in the pipeline's namespace"));
  }

  @Test
  void suggestionsForgiveTyposButNotOtherWords() {
    assertThat(Suggestions.closest("spilt", List.of("split", "count"))).contains("split");
    assertThat(Suggestions.closest("imput", List.of("inputs", "name"))).contains("inputs");
    assertThat(Suggestions.closest("reduce", List.of("split", "count"))).isEmpty();
  }

  @Test
  void fieldsOrderByIndexNumerically() {
    List<String> fields = new ArrayList<>(
        List.of("spec.output", "spec.blocks[10].name", "spec.blocks[2].shards", "spec.blocks[2]"));
    fields.sort(FieldOrder.INSTANCE);
    assertThat(fields).containsExactly("spec.blocks[2]", "spec.blocks[2].shards", "spec.blocks[10].name", "spec.output");
  }

  private static BlockSpec block(String name, String... inputs) {
    BlockSpec block = new BlockSpec();
    block.name = name;
    block.inputs = List.of(inputs);
    return block;
  }

  static ChainPipeline pipeline(BlockSpec... blocks) {
    ChainPipeline pipeline = new ChainPipeline();
    pipeline.setMetadata(new ObjectMetaBuilder().withName("test").build());
    pipeline.setSpec(new ChainPipelineSpec());
    pipeline.getSpec().blocks = List.of(blocks);
    return pipeline;
  }
}
