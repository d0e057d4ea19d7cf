package io.chainblock.e2e;

import io.chainblock.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the chainblock command in this JVM, as a user would type it, and keeps what it printed. */
public record Cli(int exitCode, String out, String err) {
  public static final Path REPO = Path.of(System.getProperty("chainblock.repo", "..")).toAbsolutePath().normalize();

  public static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  public static Path sample(String name) {
    return REPO.resolve("samples").resolve(name);
  }
}
