package io.chainblock.cli;

import io.chainblock.engine.plan.DiskCatalog;
import io.chainblock.engine.plan.PipelineDocuments;
import io.chainblock.engine.plan.PipelineFile;
import io.chainblock.engine.plan.PipelineFileException;
import io.chainblock.engine.plan.PipelineValidator;
import io.chainblock.engine.plan.PipelineValidators;
import io.chainblock.engine.plan.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks pipeline files the way the operator does, without running anything.",
        "Prints 'FILE: ok (N blocks)' for a valid file, else one line per problem:",
        "'FILE:LINE:COL: message' when the file cannot be read as a pipeline,",
        "'FILE: field: message' when the pipeline is not valid.",
        "Valid files are reported on stdout, problems on stderr."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every file is valid",
        "2:the command line is wrong",
        "3:a file cannot be read or is not a valid pipeline"})
public final class ValidateCommand implements Callable<Integer> {
  private final PipelineValidator validator;

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Pipeline files (YAML: one ChainPipeline, any Disks).")
  private List<Path> files;

  @Option(names = "--disk", paramLabel = "NAME=PATH",
      description = "A Disk the local run would read from PATH; a source may read it without a Disk document.")
  private Map<String, Path> disks = new LinkedHashMap<>();

  public ValidateCommand() {
    this(PipelineValidators.standard());
  }

  public ValidateCommand(PipelineValidator validator) {
    this.validator = validator;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean allValid = true;
    for (Path file : files) {
      PipelineDocuments documents;
      try {
        documents = PipelineFile.load(file);
      } catch (PipelineFileException unreadable) {
        err.println(unreadable.getMessage());
        allValid = false;
        continue;
      }
      Set<String> known = new HashSet<>(documents.disks().keySet());
      known.addAll(disks.keySet());
      List<Problem> problems = validator.validate(documents.pipeline(), DiskCatalog.forLocalRun(known));
      if (problems.isEmpty()) {
        int blocks = documents.pipeline().getSpec().blocks.size();
        out.println(file + ": ok (" + blocks + (blocks == 1 ? " block)" : " blocks)"));
      } else {
        problems.forEach(problem -> err.println(file + ": " + problem));
        allValid = false;
      }
    }
    out.flush();
    err.flush();
    return allValid ? ExitCodes.OK : ExitCodes.INVALID_PIPELINE;
  }
}
