package io.chainblock.engine.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where an {@link S3Storage} keeps its objects and how it signs in. {@code prefix} is empty or ends
 * in '/', so that {@code prefix + path} is always a key below it.
 */
public record S3Config(
    String endpoint, String bucket, String prefix, String accessKey, String secretKey, String region) {

  public static final String ENDPOINT = "CHAINBLOCK_S3_ENDPOINT";
  public static final String BUCKET = "CHAINBLOCK_S3_BUCKET";
  public static final String PREFIX = "CHAINBLOCK_S3_PREFIX";
  public static final String REGION = "CHAINBLOCK_S3_REGION";
  public static final String ACCESS_KEY = "CHAINBLOCK_S3_ACCESS_KEY";
  public static final String SECRET_KEY = "CHAINBLOCK_S3_SECRET_KEY";
  public static final String ACCESS_KEY_FILE = "CHAINBLOCK_S3_ACCESS_KEY_FILE";
  public static final String SECRET_KEY_FILE = "CHAINBLOCK_S3_SECRET_KEY_FILE";

  /** The bucket of the Disk resource's default, used when the environment names none. */
  public static final String DEFAULT_BUCKET = "chainblock";
  /** MinIO ignores the region, but the SDK would otherwise ask the server for it first. */
  public static final String DEFAULT_REGION = "us-east-1";

  public S3Config {
    endpoint = require(endpoint, "endpoint", ENDPOINT);
    if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      throw new IllegalArgumentException(
          "S3 endpoint must start with http:// or https://: " + endpoint + " (check " + ENDPOINT + ")");
    }
    endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    bucket = require(bucket, "bucket", BUCKET);
    accessKey = require(accessKey, "access key", ACCESS_KEY + " or " + ACCESS_KEY_FILE);
    secretKey = require(secretKey, "secret key", SECRET_KEY + " or " + SECRET_KEY_FILE);
    prefix = normalizePrefix(prefix);
    region = region == null || region.isBlank() ? DEFAULT_REGION : region;
  }

  /**
   * Reads the {@code CHAINBLOCK_S3_*} variables. Each key comes either inline or, the way a mounted
   * Kubernetes Secret provides it, from a file named by the {@code _FILE} variable.
   */
  public static S3Config fromEnvironment(Map<String, String> env) throws IOException {
    String bucket = env.get(BUCKET);
    return new S3Config(
        env.get(ENDPOINT),
        bucket == null || bucket.isBlank() ? DEFAULT_BUCKET : bucket,
        env.get(PREFIX),
        secret(env, ACCESS_KEY, ACCESS_KEY_FILE),
        secret(env, SECRET_KEY, SECRET_KEY_FILE),
        env.get(REGION));
  }

  /** Splits {@code s3://bucket/prefix} (the prefix may be empty). */
  public static S3Location parseUri(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// URI: " + uri);
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("no bucket in " + uri);
    }
    return new S3Location(bucket, slash < 0 ? "" : normalizePrefix(rest.substring(slash + 1)));
  }

  /** The same server and credentials, another bucket and prefix. */
  public S3Config at(S3Location location) {
    return new S3Config(endpoint, location.bucket(), location.prefix(), accessKey, secretKey, region);
  }

  public String uri() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public String toString() {
    return "S3Config[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix
        + ", accessKey=" + accessKey + ", secretKey=***, region=" + region + "]";
  }

  private static String secret(Map<String, String> env, String variable, String fileVariable)
      throws IOException {
    String inline = env.get(variable);
    if (inline != null && !inline.isEmpty()) {
      return inline;
    }
    String file = env.get(fileVariable);
    if (file == null || file.isEmpty()) {
      return null;
    }
    try {
      // Secret files written by hand usually end in a newline that is not part of the key.
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IOException("cannot read " + fileVariable + "=" + file + ": " + e, e);
    }
  }

  private static String require(String value, String what, String variable) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("no S3 " + what + ": set " + variable);
    }
    return value.strip();
  }

  static String normalizePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    String trimmed = prefix;
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    return trimmed.isEmpty() || trimmed.endsWith("/") ? trimmed : trimmed + "/";
  }
}
