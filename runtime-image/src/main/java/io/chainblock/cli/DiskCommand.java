package io.chainblock.cli;

import picocli.CommandLine.Command;

@Command(name = "disk",
    description = "Fills and reads Disks: named volumes of chunks in object storage (or a local directory).",
    mixinStandardHelpOptions = true,
    subcommands = {DiskPutCommand.class, DiskImportCommand.class, DiskListCommand.class, DiskGetCommand.class})
final class DiskCommand {
}
