package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.ChainPipeline;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and annotations on everything the operator creates for one run of a pipeline. */
public final class RunLabels {
  /** The pipeline's name, cut to the 63 characters a label value may have. */
  public static final String PIPELINE = "chainblock.io/pipeline";
  public static final String BLOCK = "chainblock.io/block";
  /** The pipeline's uid: unique, and what the informers select on. */
  public static final String RUN = "chainblock.io/run";
  /** The pipeline's full name, which a label cannot always hold; maps a pod back to its pipeline. */
  public static final String PIPELINE_NAME = "chainblock.io/pipeline-name";
  /** Selects every object of every run. */
  public static final String SELECTOR = RUN;

  private static final int MAX_LABEL_VALUE = 63;

  private RunLabels() {}

  public static Map<String, String> of(ChainPipeline pipeline) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(PIPELINE, labelValue(pipeline.getMetadata().getName()));
    labels.put(RUN, pipeline.getMetadata().getUid());
    return labels;
  }

  public static Map<String, String> of(ChainPipeline pipeline, String block) {
    Map<String, String> labels = of(pipeline);
    labels.put(BLOCK, block);
    return labels;
  }

  public static Map<String, String> annotations(ChainPipeline pipeline) {
    return Map.of(PIPELINE_NAME, pipeline.getMetadata().getName());
  }

  static String labelValue(String name) {
    if (name.length() <= MAX_LABEL_VALUE) {
      return name;
    }
    String cut = name.substring(0, MAX_LABEL_VALUE);
    while (!cut.isEmpty() && !Character.isLetterOrDigit(cut.charAt(cut.length() - 1))) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut;
  }
}
