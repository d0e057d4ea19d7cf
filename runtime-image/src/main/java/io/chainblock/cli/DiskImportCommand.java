package io.chainblock.cli;

import io.chainblock.engine.UserCodeException;
import io.chainblock.engine.source.Chunk;
import io.chainblock.engine.source.Chunker;
import io.chainblock.engine.source.SourceFile;
import io.chainblock.engine.source.SourceObjects;
import io.chainblock.engine.source.StoredFile;
import io.chainblock.engine.storage.S3Storage;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageUris;
import io.chainblock.engine.storage.StoredObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import",
    description = {"Re-chunks objects already in S3 into a Disk, then writes its manifest (what the operator runs for a"
        + " Disk with spec.source.objects).",
        "The objects under --from are taken in name order, skipping names with a part starting with '_' or '.'."
            + " Chunks are cut as `disk put` cuts files: text chunks end on a line boundary, binary chunks are exact"
            + " --chunk-size blocks, and no chunk spans two objects. Only the bytes around each cut are read twice."},
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class DiskImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The Disk's name.")
  String name;

  @Option(names = "--from", required = true, paramLabel = "URI",
      description = "The objects to import: s3://BUCKET/PREFIX/ (on the same endpoint) or a local directory.")
  String from;

  @Mixin
  ChunkingOptions chunking;

  @Mixin
  DiskLocationOptions location;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String problem = chunking.problem();
    if (problem != null) {
      err.println("chainblock disk import: " + problem);
      return ExitCodes.USAGE;
    }
    String source = from.startsWith("s3://") && !from.endsWith("/") ? from + "/" : from;
    try (Storage objects = StorageUris.open(source, location.env())) {
      if (objects instanceof S3Storage s3 && !s3.bucketExists()) {
        err.println("chainblock disk import: bucket " + s3.config().bucket() + " of --from " + source
            + " does not exist at " + s3.config().endpoint());
        return ExitCodes.INPUT_ERROR;
      }
      List<StoredObject> selected = SourceObjects.select(objects.list(""));
      if (selected.isEmpty()) {
        err.println("chainblock disk import: no objects under " + source + ": nothing to import");
        return ExitCodes.INPUT_ERROR;
      }
      List<SourceFile> files = selected.stream().<SourceFile>map(object -> new StoredFile(objects, object)).toList();
      List<Chunk> chunks = Chunker.chunks(files, chunking.diskFormat(), chunking.chunkBytes());
      return new DiskWriter("import", name, location.uri(name), location.env(), chunking, spec.commandLine().getOut(),
          err).write(chunks);
    } catch (UserCodeException e) {
      err.println("chainblock disk import: " + e.getMessage().replace("raise spec.chunkSize of the Disk",
          "raise spec.chunkSize of the Disk (--chunk-size)"));
      return ExitCodes.INPUT_ERROR;
    } catch (IOException e) {
      // The last line of the log is what a failed import pod reports to its Disk's status.
      err.println("chainblock disk import: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
  }
}
