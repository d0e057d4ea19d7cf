package io.chainblock.operator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, from its environment (the Helm chart sets them from values).
 *
 * @param runtimeImage image of shard pods when a pipeline names none ({@value #RUNTIME_IMAGE})
 * @param s3Endpoint S3 endpoint shard pods and the operator use ({@value #S3_ENDPOINT})
 * @param bucket default bucket of Disks and intermediates ({@value #S3_BUCKET})
 * @param s3Secret Secret with keys {@code accessKey} and {@code secretKey}, mounted into shard
 *     pods ({@value #S3_SECRET})
 * @param watchNamespaces namespaces to watch; empty means all ({@value #WATCH_NAMESPACES}, comma-separated)
 * @param intermediatesTtl how long a succeeded pipeline keeps its intermediate objects (a failed one keeps them until deleted)
 *     ({@value #INTERMEDIATES_TTL}, e.g. 30m, 1h; 0s keeps them until the pipeline is deleted)
 * @param metricsPort port of /metrics, /healthz and /readyz ({@value #METRICS_PORT})
 * @param leaderElection whether replicas elect a leader through a Lease ({@value #LEADER_ELECTION})
 * @param leaseNamespace namespace of that Lease, the operator's own ({@value #POD_NAMESPACE})
 */
public record OperatorConfig(
    String runtimeImage,
    String s3Endpoint,
    String bucket,
    String s3Secret,
    Set<String> watchNamespaces,
    Duration intermediatesTtl,
    int metricsPort,
    boolean leaderElection,
    String leaseNamespace) {

  public static final String RUNTIME_IMAGE = "CHAINBLOCK_RUNTIME_IMAGE";
  public static final String S3_ENDPOINT = "CHAINBLOCK_S3_ENDPOINT";
  public static final String S3_BUCKET = "CHAINBLOCK_S3_BUCKET";
  public static final String S3_SECRET = "CHAINBLOCK_S3_SECRET";
  public static final String WATCH_NAMESPACES = "CHAINBLOCK_WATCH_NAMESPACES";
  public static final String INTERMEDIATES_TTL = "CHAINBLOCK_INTERMEDIATES_TTL";
  public static final String METRICS_PORT = "CHAINBLOCK_METRICS_PORT";
  public static final String LEADER_ELECTION = "CHAINBLOCK_LEADER_ELECTION";
  public static final String POD_NAMESPACE = "POD_NAMESPACE";

  public static final String DEFAULT_RUNTIME_IMAGE = "chainblock/runtime:0.1.0";
  public static final String DEFAULT_BUCKET = "chainblock";
  public static final String DEFAULT_S3_SECRET = "chainblock-s3";

  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    return new OperatorConfig(
        env.getOrDefault(RUNTIME_IMAGE, DEFAULT_RUNTIME_IMAGE),
        required(env, S3_ENDPOINT),
        env.getOrDefault(S3_BUCKET, DEFAULT_BUCKET),
        env.getOrDefault(S3_SECRET, DEFAULT_S3_SECRET),
        Arrays.stream(env.getOrDefault(WATCH_NAMESPACES, "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()),
        duration(env.getOrDefault(INTERMEDIATES_TTL, "1h"), INTERMEDIATES_TTL),
        Integer.parseInt(env.getOrDefault(METRICS_PORT, "8080")),
        Boolean.parseBoolean(env.getOrDefault(LEADER_ELECTION, "true")),
        env.getOrDefault(POD_NAMESPACE, "chainblock-system"));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set: give the operator the S3 endpoint shard pods"
          + " reach, e.g. http://minio.chainblock-system:9000 (Helm value storage.endpoint)");
    }
    return value;
  }

  /** 90s, 30m, 1h or 2d; 0s means no TTL. */
  static Duration duration(String text, String name) {
    String t = text.trim();
    try {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + "=" + text + " is not a duration: write it like 90s, 30m, 1h or 2d");
    }
  }
}
