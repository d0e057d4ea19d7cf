package io.chainblock.cli;

import io.chainblock.engine.source.DiskManifest;
import io.chainblock.engine.storage.Storage;
import io.chainblock.engine.storage.StorageUris;
import io.chainblock.engine.storage.StoredObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ls",
    description = "Lists the Disks of a namespace, or the chunks of one Disk, from their manifests.",
    mixinStandardHelpOptions = true)
final class DiskListCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A Disk to show chunk by chunk.")
  String name;

  @Mixin
  DiskLocationOptions location;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (name != null) {
      try (Storage storage = StorageUris.open(location.uri(name), location.env())) {
        DiskManifest manifest = DiskManifest.read(storage, "", name);
        out.printf("%s: %s, %d chunks, %d bytes, chunk size %d%n", name, manifest.format(), manifest.chunks().size(),
            manifest.bytes(), manifest.chunkSize());
        for (DiskManifest.Entry chunk : manifest.chunks()) {
          out.printf("  %-14s offset %14d  %12d bytes%n", chunk.name(), chunk.offset(), chunk.bytes());
        }
      }
      return ExitCodes.OK;
    }
    try (Storage storage = StorageUris.open(location.namespaceUri(), location.env())) {
      for (StoredObject object : storage.list("")) {
        if (object.path().endsWith("/" + DiskManifest.NAME)) {
          String disk = object.path().substring(0, object.path().length() - DiskManifest.NAME.length() - 1);
          DiskManifest manifest = DiskManifest.read(storage, disk + "/", disk);
          out.printf("%-30s %-7s %6d chunks %14d bytes%n", disk, manifest.format(), manifest.chunks().size(),
              manifest.bytes());
        }
      }
    }
    return ExitCodes.OK;
  }
}
