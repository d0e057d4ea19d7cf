package io.chainblock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "chainblock",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs MapReduce-style chain-block pipelines: locally in one JVM, or on Kubernetes through the operator.",
    subcommands = {RunCommand.class, ValidateCommand.class, GraphCommand.class, DiskCommand.class, ShardCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  success",
        "  1  the pipeline ran and a shard failed",
        "  2  the command line is wrong",
        "  3  the pipeline file is invalid; nothing was run or written",
        "  4  input or output data is missing or unusable (a --disk path, the --out directory)"})
public final class Main {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler((e, cmd, parseResult) -> {
          cmd.getErr().println("chainblock: internal error: " + e);
          e.printStackTrace(cmd.getErr());
          return ExitCodes.RUN_FAILED;
        });
  }
}
