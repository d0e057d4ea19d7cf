package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.OutputSpec;

/** Where and how the terminal blocks write. */
public record OutputPlan(String disk, OutputSpec.Format format) {}
