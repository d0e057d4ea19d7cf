package io.chainblock.operator.pipeline;

import java.time.Duration;

/**
 * Something a user should hear about, told as a Kubernetes Event and to the {@link PipelineListener}.
 *
 * @param block the block it is about, or null for the whole pipeline
 * @param duration how long the block or pipeline ran (finish events), or how long a block waited
 *     after its last input completed (start events of non-source blocks); null otherwise
 */
public record PipelineEvent(Reason reason, String block, String message, Duration duration) {
  public enum Reason {
    BlockStarted(false),
    BlockSucceeded(false),
    BlockFailed(true),
    CountersIncomplete(true),
    PipelineSucceeded(false),
    PipelineFailed(true),
    InvalidPipeline(true),
    SpecChangeRefused(true);

    private final boolean warning;

    Reason(boolean warning) {
      this.warning = warning;
    }

    public String type() {
      return warning ? "Warning" : "Normal";
    }
  }
}
