package io.chainblock.engine.plan;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.api.v1alpha1.Disk;
import java.util.Map;

/** What a pipeline file holds: its one ChainPipeline and its Disks by name, in file order. */
public record PipelineDocuments(ChainPipeline pipeline, Map<String, Disk> disks) {}
