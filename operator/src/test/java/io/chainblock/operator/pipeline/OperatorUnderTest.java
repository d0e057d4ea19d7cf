package io.chainblock.operator.pipeline;

import io.chainblock.engine.storage.LocalStorage;
import io.chainblock.engine.storage.S3Config;
import io.chainblock.engine.storage.S3Location;
import io.chainblock.operator.OperatorMetrics;
import io.chainblock.operator.PipelineLifecycle;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * The ChainPipeline reconciler running in a JOSDK operator against a given API server, with
 * object storage in a local directory ({@code s3://BUCKET/PREFIX/} becomes {@code DIR/BUCKET/PREFIX}).
 */
final class OperatorUnderTest implements AutoCloseable {
  private final Operator operator;

  /** @param namespaces the namespaces it watches; none for all of them */
  OperatorUnderTest(KubernetesClient client, Path storage, Set<String> namespaces) {
    operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    StorageOpener local = uri -> {
      S3Location location = S3Config.parseUri(uri);
      return new LocalStorage(storage.resolve(location.bucket()).resolve(location.prefix()));
    };
    PipelineLifecycle lifecycle = PipelineLifecycle.of(client, local, Fixtures.CONFIG, new OperatorMetrics());
    operator.register(new ChainPipelineReconciler(Fixtures.CONFIG, local, PipelineListener.NONE, lifecycle,
        Clock.systemUTC()), o -> {
          if (namespaces.isEmpty()) {
            o.watchingAllNamespaces();
          } else {
            o.settingNamespaces(namespaces);
          }
        });
    operator.start();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
