package io.chainblock.engine.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.engine.plan.RunPlan;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageOutput;
import io.chainblock.engine.storage.StoredObject;
import java.io.IOException;
import java.util.List;

/**
 * The manifest that makes a pipeline's output a Disk: its parts in order, as the chunks the
 * next pipeline reads. Written once every terminal shard has succeeded, after the parts.
 */
public record OutputManifest(String disk, String format, long chunks, long bytes, List<StoredObject> parts) {
  public static final String NAME = "_manifest.json";

  public static OutputManifest write(Storage output, RunPlan plan) throws IOException {
    List<StoredObject> parts = output.list("").stream()
        .filter(o -> !o.path().startsWith("_") && !o.path().startsWith("."))
        .toList();
    long bytes = parts.stream().mapToLong(StoredObject::size).sum();
    OutputManifest manifest = new OutputManifest(plan.output().disk(),
        plan.output().format().name().toLowerCase(java.util.Locale.ROOT), parts.size(), bytes, parts);
    StorageOutput out = output.create(NAME);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, manifest);
    return manifest;
  }
}
