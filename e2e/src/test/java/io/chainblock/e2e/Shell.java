package io.chainblock.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Independent tools (sort, uniq, bzip2) that the samples' outputs are checked against. */
public final class Shell {
  private Shell() {}

  public static byte[] run(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("`" + script + "` failed with exit code " + p.exitValue());
    }
    return out;
  }

  public static String text(String script) throws IOException, InterruptedException {
    return new String(run(script), StandardCharsets.UTF_8);
  }

  public static String quote(Object path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
