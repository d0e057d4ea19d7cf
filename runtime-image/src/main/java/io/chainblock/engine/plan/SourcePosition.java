package io.chainblock.engine.plan;

/** A 1-based line and column in a pipeline file. */
record SourcePosition(int line, int column) {}
