package io.chainblock.cli;

import io.chainblock.engine.storage.S3Config;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a Disk lives, shared by the disk commands: by default the operator's layout,
 * {@code s3://BUCKET/disks/NAMESPACE/NAME/}, so a Disk filled from a workstation is the one the
 * cluster reads.
 */
final class DiskLocationOptions {
  /** The environment S3 settings come from; tests give the one of their MinIO server. */
  Map<String, String> environment = System.getenv();

  @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint, e.g. http://127.0.0.1:9000. Default: $CHAINBLOCK_S3_ENDPOINT.")
  String endpoint;

  @Option(names = "--bucket", paramLabel = "BUCKET", description = "Bucket of the Disk. Default: $CHAINBLOCK_S3_BUCKET, else chainblock.")
  String bucket;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Kubernetes namespace of the Disk (default ${DEFAULT-VALUE}).")
  String namespace = "default";

  @Option(names = "--at", paramLabel = "URI", description = "The Disk's exact location instead: s3://BUCKET/PREFIX/ or a local directory.")
  String at;

  /** The environment with --endpoint and --bucket laid over it. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>(environment);
    if (endpoint != null) {
      env.put(S3Config.ENDPOINT, endpoint);
    }
    if (bucket != null) {
      env.put(S3Config.BUCKET, bucket);
    }
    return env;
  }

  String uri(String disk) {
    if (at != null) {
      return at.endsWith("/") || !at.startsWith("s3://") ? at : at + "/";
    }
    String b = env().getOrDefault(S3Config.BUCKET, S3Config.DEFAULT_BUCKET);
    return "s3://" + (b.isBlank() ? S3Config.DEFAULT_BUCKET : b) + "/disks/" + namespace + "/" + disk + "/";
  }

  /** Where every Disk of the namespace lives, for listing them. */
  String namespaceUri() {
    String b = env().getOrDefault(S3Config.BUCKET, S3Config.DEFAULT_BUCKET);
    return at != null ? at : "s3://" + (b.isBlank() ? S3Config.DEFAULT_BUCKET : b) + "/disks/" + namespace + "/";
  }
}
