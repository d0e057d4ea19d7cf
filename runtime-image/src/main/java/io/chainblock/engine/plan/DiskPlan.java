package io.chainblock.engine.plan;

import io.chainblock.engine.source.DiskFormat;

/** A Disk a source block reads: how its chunks become records. */
public record DiskPlan(String name, DiskFormat format, long chunkSize) {}
