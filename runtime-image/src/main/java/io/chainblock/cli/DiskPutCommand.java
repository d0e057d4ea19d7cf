package io.chainblock.cli;

import io.chainblock.engine.source.Chunk;
import io.chainblock.engine.source.LocalDisk;
import io.chainblock.engine.UserCodeException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "put",
    description = {"Cuts files into chunks and uploads them as a Disk, then writes its manifest.",
        "Text chunks end on a line boundary; binary chunks are exact --chunk-size blocks. Files are taken in the"
            + " order given (a directory: its files in name order)."},
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class DiskPutCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The Disk's name.")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files or directories to put on the Disk.")
  List<Path> files;

  @Mixin
  ChunkingOptions chunking;

  @Mixin
  DiskLocationOptions location;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String problem = chunking.problem();
    if (problem != null) {
      err.println("chainblock disk put: " + problem);
      return ExitCodes.USAGE;
    }
    List<Path> inputs = new ArrayList<>();
    for (Path file : files) {
      if (!Files.exists(file)) {
        err.println("chainblock disk put: " + file + ": no such file or directory");
        return ExitCodes.INPUT_ERROR;
      }
      inputs.addAll(LocalDisk.files(file));
    }
    List<Chunk> chunks;
    try {
      chunks = LocalDisk.chunks(inputs, chunking.diskFormat(), chunking.chunkBytes());
    } catch (UserCodeException e) {
      err.println("chainblock disk put: " + e.getMessage().replace("raise spec.chunkSize of the Disk", "raise --chunk-size"));
      return ExitCodes.INPUT_ERROR;
    }
    return new DiskWriter("put", name, location.uri(name), location.env(), chunking, spec.commandLine().getOut(), err)
        .write(chunks);
  }
}
