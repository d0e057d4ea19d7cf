package io.chainblock.operator.pipeline;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Status conditions that keep their lastTransitionTime while their status stays the same. */
final class Conditions {
  static final String VALID = "Valid";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  static final String SPEC_CHANGE_REFUSED = "SpecChangeRefused";

  private final List<Condition> previous;
  private final List<Condition> next = new ArrayList<>();
  private final long generation;
  private final Instant now;

  Conditions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now;
  }

  Conditions set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    Condition before = find(previous, type);
    String since = before != null && value.equals(before.getStatus()) && before.getLastTransitionTime() != null
        ? before.getLastTransitionTime() : now.toString();
    next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
        .withLastTransitionTime(since).withObservedGeneration(generation).build());
    return this;
  }

  List<Condition> list() {
    return List.copyOf(next);
  }

  static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
