package io.chainblock.operator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainblock.engine.exec.ShardCounters;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * How one shard pod ended, from its termination message: the JSON counters {@code chainblock
 * shard} writes, or, when the process died before writing them, the log tail Kubernetes keeps
 * instead (the pod template asks for FallbackToLogsOnError).
 *
 * @param error the shard's own error, null when it succeeded
 */
public record ShardReport(int index, int attempt, boolean succeeded, ShardCounters.Snapshot counters, String error) {
  static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
  static final String FAILURE_COUNT_ANNOTATION = "batch.kubernetes.io/job-index-failure-count";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The report of a pod whose shard container has terminated; empty while it runs. */
  public static Optional<ShardReport> of(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(INDEX_ANNOTATION) || pod.getStatus() == null
        || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    int index = Integer.parseInt(annotations.get(INDEX_ANNOTATION));
    int attempt = Integer.parseInt(annotations.getOrDefault(FAILURE_COUNT_ANNOTATION, "0"));
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      if (ShardPodTemplate.CONTAINER.equals(container.getName()) && container.getState() != null
          && container.getState().getTerminated() != null) {
        return Optional.of(of(index, attempt, container.getState().getTerminated()));
      }
    }
    return Optional.empty();
  }

  private static ShardReport of(int index, int attempt, ContainerStateTerminated terminated) {
    boolean succeeded = terminated.getExitCode() != null && terminated.getExitCode() == 0;
    String message = terminated.getMessage() == null ? "" : terminated.getMessage().strip();
    JsonNode json = parse(message);
    if (json == null) {
      return new ShardReport(index, attempt, succeeded, ShardCounters.Snapshot.ZERO,
          succeeded ? null : withoutCounters(terminated, message));
    }
    ShardCounters.Snapshot counters = new ShardCounters.Snapshot(json.path("recordsIn").asLong(),
        json.path("recordsOut").asLong(), json.path("bytesIn").asLong(), json.path("bytesOut").asLong(),
        json.path("spills").asLong(), json.path("seconds").asDouble());
    String error = json.hasNonNull("error") ? json.get("error").asText()
        : succeeded ? null : withoutCounters(terminated, "");
    return new ShardReport(index, attempt, succeeded, counters, error);
  }

  private static JsonNode parse(String message) {
    if (!message.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(message);
      return node.isObject() ? node : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /** A shard that died without reporting (killed, out of memory): what Kubernetes knows. */
  private static String withoutCounters(ContainerStateTerminated terminated, String logTail) {
    StringBuilder text = new StringBuilder("exit code ").append(terminated.getExitCode());
    if (terminated.getReason() != null && !terminated.getReason().isEmpty()) {
      text.append(" (").append(terminated.getReason()).append(')');
    }
    if (!logTail.isEmpty()) {
      text.append(": ").append(logTail);
    }
    return text.toString();
  }
}
