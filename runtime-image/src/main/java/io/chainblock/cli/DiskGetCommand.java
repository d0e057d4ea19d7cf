package io.chainblock.cli;

import io.chainblock.engine.source.Chunk;
import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageUris;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get",
    description = "Writes a Disk's chunks, in order, to a file or to stdout: the bytes that were put.",
    mixinStandardHelpOptions = true)
final class DiskGetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "The Disk to read.")
  String name;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write (default: stdout).")
  Path output;

  @Mixin
  DiskLocationOptions location;

  @Override
  public Integer call() throws Exception {
    try (Storage storage = StorageUris.open(location.uri(name), location.env())) {
      if (output == null) {
        copy(storage, System.out);
      } else {
        try (OutputStream out = new FileOutputStream(output.toFile())) {
          copy(storage, out);
        }
      }
    }
    return ExitCodes.OK;
  }

  private void copy(Storage storage, OutputStream out) throws Exception {
    for (Chunk chunk : DiskManifest.read(storage, "", name).chunks(storage, "")) {
      try (InputStream in = chunk.open()) {
        in.transferTo(out);
      }
    }
    out.flush();
  }
}
