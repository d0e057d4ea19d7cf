package io.chainblock.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code chainblock disk ...} with the S3 settings of a test's MinIO instead of the process environment. */
final class DiskCli {
  private DiskCli() {}

  static CommandRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new DiskCommand());
    line.getSubcommands().values().forEach(sub -> {
      switch (sub.getCommand()) {
        case DiskPutCommand put -> put.location.environment = env;
        case DiskImportCommand importing -> importing.location.environment = env;
        case DiskListCommand ls -> ls.location.environment = env;
        case DiskGetCommand get -> get.location.environment = env;
        default -> throw new IllegalStateException("no S3 settings for " + sub.getCommandName());
      }
    });
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return new CommandRun(line.execute(args), out.toString(), err.toString());
  }
}
