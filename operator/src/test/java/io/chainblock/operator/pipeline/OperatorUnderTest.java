package io.chainblock.operator.pipeline;

import io.chainblock.engine.storage.LocalStorage;
import io.chainblock.operator.OperatorMetrics;
import io.chainblock.operator.PipelineLifecycle;
import io.chainblock.operator.S3Access;
import io.chainblock.engine.storage.S3Config;
import io.chainblock.engine.storage.S3Location;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The ChainPipeline reconciler running in a JOSDK operator against a given API server, with
 * object storage in a local directory ({@code s3://BUCKET/PREFIX/} becomes {@code DIR/BUCKET/PREFIX}).
 */
final class OperatorUnderTest implements AutoCloseable {
  private final Operator operator;

  OperatorUnderTest(KubernetesClient client, Path storage, PipelineListener listener) {
    // the mock API server answers server-side apply with 415: JOSDK adds the finalizer by patch instead
    operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(false));
    StorageOpener local = uri -> {
      S3Location location = S3Config.parseUri(uri);
      return new LocalStorage(storage.resolve(location.bucket()).resolve(location.prefix()));
    };
    // Nothing here expires (TTL 1h) or is deleted, so the lifecycle's S3 side is never reached.
    S3Access unreachable = new S3Access(new S3Config(Fixtures.CONFIG.s3Endpoint(), Fixtures.CONFIG.bucket(), "",
        "unused", "unused", null));
    PipelineLifecycle lifecycle = PipelineLifecycle.of(client, unreachable, Fixtures.CONFIG, new OperatorMetrics());
    operator.register(new ChainPipelineReconciler(Fixtures.CONFIG, local, listener, lifecycle, Clock.systemUTC()));
    operator.start();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
