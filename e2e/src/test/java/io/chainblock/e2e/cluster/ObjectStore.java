package io.chainblock.e2e.cluster;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chart's MinIO as the test sees it, through a port-forward, with the MinIO SDK rather than
 * the engine's own storage code, so what the operator wrote is read by an independent client.
 */
final class ObjectStore {
  private final PortForward forward;
  private final String bucket;
  private final String accessKey;
  private final String secretKey;
  private String clientEndpoint;
  private MinioClient client;

  ObjectStore(PortForward forward, String bucket, String accessKey, String secretKey) {
    this.forward = forward;
    this.bucket = bucket;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  String endpoint() {
    return forward.endpoint();
  }

  /** The S3 settings of the {@code chainblock} command, as a user exports them. */
  Map<String, String> cliEnvironment() {
    return Map.of("CHAINBLOCK_S3_ACCESS_KEY", accessKey, "CHAINBLOCK_S3_SECRET_KEY", secretKey,
        "CHAINBLOCK_S3_BUCKET", bucket);
  }

  /** Every object below {@code prefix}: key -> size. */
  Map<String, Long> list(String prefix) {
    Map<String, Long> objects = new TreeMap<>();
    try {
      for (Result<Item> result : client().listObjects(
          ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        objects.put(item.objectName(), item.size());
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot list s3://" + bucket + "/" + prefix + " at " + clientEndpoint + ": " + e, e);
    }
    return objects;
  }

  byte[] read(String key) {
    try (InputStream in = client().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return in.readAllBytes();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read s3://" + bucket + "/" + key + " at " + clientEndpoint + ": " + e, e);
    }
  }

  private synchronized MinioClient client() {
    String endpoint = forward.endpoint();
    if (!endpoint.equals(clientEndpoint)) {
      client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).region("us-east-1").build();
      clientEndpoint = endpoint;
    }
    return client;
  }
}
