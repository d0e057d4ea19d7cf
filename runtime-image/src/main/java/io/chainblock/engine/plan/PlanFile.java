package io.chainblock.engine.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What one shard process needs to run: the plan and the locations, as one JSON file (the
 * operator mounts it into every pod of a run from a ConfigMap).
 */
public record PlanFile(RunPlan plan, Locations locations) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static PlanFile read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), PlanFile.class);
  }

  public void write(Path file) throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
  }

  public String toJson() throws IOException {
    return JSON.writeValueAsString(this);
  }
}
