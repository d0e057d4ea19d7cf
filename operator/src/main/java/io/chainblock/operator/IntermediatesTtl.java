package io.chainblock.operator;

import io.chainblock.api.v1alpha1.ChainPipelineStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a pipeline's intermediate objects expire: {@code ttl} after it succeeded; a zero TTL keeps
 * them until the pipeline is deleted (the Helm value {@code intermediatesTTL: 0s}). A failed
 * pipeline keeps them until it is deleted too: "a pipeline that fails keeps what it wrote", and
 * they are what a look into the failure needs.
 */
final class IntermediatesTtl {
  static final String CONDITION = "IntermediatesRemoved";

  private IntermediatesTtl() {}

  static Optional<Instant> dueAt(ChainPipelineStatus status, Duration ttl) {
    if (ttl.isZero() || status == null || status.phase != ChainPipelineStatus.Phase.Succeeded || status.completionTime == null
        || removed(status)) {
      return Optional.empty();
    }
    return Optional.of(Instant.parse(status.completionTime).plus(ttl));
  }

  static boolean removed(ChainPipelineStatus status) {
    return status.conditions != null && status.conditions.stream()
        .anyMatch(c -> CONDITION.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static Condition removedCondition(String uri, Duration ttl, Instant now, Long generation) {
    return new ConditionBuilder()
        .withType(CONDITION)
        .withStatus("True")
        .withReason("TtlExpired")
        .withMessage("the intermediate objects at " + uri + " were removed " + text(ttl) + " after the pipeline succeeded;"
            + " the output Disk stays")
        .withLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString())
        .withObservedGeneration(generation)
        .build();
  }

  /** A duration as the operator's settings write it: 90s, 30m, 1h, 2d. */
  static String text(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
