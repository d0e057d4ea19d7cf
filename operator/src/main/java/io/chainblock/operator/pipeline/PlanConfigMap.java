package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.ChainPipelineSpec;
import io.chainblock.engine.plan.PlanFile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The ConfigMap of a run: the plan file every shard pod mounts, and the spec the run started
 * with. Its presence marks a run as started; the spec in it is what later Jobs are built from,
 * so a spec edited during the run changes nothing but parallelism.
 */
public final class PlanConfigMap {
  public static final String PLAN_KEY = "plan.json";
  public static final String SPEC_KEY = "spec.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanConfigMap() {}

  public static ConfigMap build(ChainPipeline pipeline, ChainPipelineSpec spec, PlanFile plan) {
    try {
      return new ConfigMapBuilder()
          .withNewMetadata()
          .withName(ResourceNames.planConfigMap(pipeline.getMetadata().getName(), pipeline.getMetadata().getUid()))
          .withNamespace(pipeline.getMetadata().getNamespace())
          .withLabels(RunLabels.of(pipeline))
          .withAnnotations(RunLabels.annotations(pipeline))
          .withOwnerReferences(Ownership.of(pipeline))
          .endMetadata()
          .withImmutable(true)
          .withData(Map.of(PLAN_KEY, plan.toJson(), SPEC_KEY, JSON.writeValueAsString(spec)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan of " + pipeline.getMetadata().getName(), e);
    }
  }

  /** The spec the run started with. */
  public static ChainPipelineSpec startedSpec(ConfigMap configMap) {
    try {
      return JSON.readValue(configMap.getData().get(SPEC_KEY), ChainPipelineSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("ConfigMap " + configMap.getMetadata().getName() + " holds no readable "
          + SPEC_KEY + ": delete it and the pipeline's Jobs to start the run again", e);
    }
  }
}
