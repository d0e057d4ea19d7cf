package io.chainblock.operator;

import io.chainblock.operator.pipeline.ChainPipelineReconciler;
import io.chainblock.operator.pipeline.StorageOpener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator process: configuration from the environment, the reconcilers, and the HTTP endpoints. */
public final class OperatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    OperatorConfig config;
    S3Access s3;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
      s3 = S3Access.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      LOG.error("bad configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    OperatorMetrics metrics = new OperatorMetrics();
    KubernetesClient client = new KubernetesClientBuilder().build();
    StorageOpener storage = StorageOpener.s3(System.getenv());
    ChainPipelineReconciler pipelines = new ChainPipelineReconciler(config, storage, new MetricsListener(metrics),
        PipelineLifecycle.of(client, storage, config, metrics), Clock.systemUTC());
    Operator operator = ChainblockOperator.create(config, client, metrics,
        List.of(pipelines, new DiskReconciler(client, s3, config, Clock.systemUTC())), true);
    OperatorHttpServer http = OperatorHttpServer.start(config.metricsPort(), metrics,
        new OperatorReadiness(operator.getRuntimeInfo()));
    Runtime.getRuntime().addShutdownHook(new Thread(http::close, "chainblock-http-stop"));
    if (!config.leaderElection()) {
      // With leader election JOSDK stops the process itself when leadership is lost, and refuses a hook.
      operator.installShutdownHook(Duration.ofSeconds(20));
    }
    LOG.atInfo().addKeyValue("watchNamespaces", config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces())
        .addKeyValue("leaderElection", config.leaderElection())
        .addKeyValue("bucket", config.bucket())
        .addKeyValue("s3Endpoint", config.s3Endpoint())
        .addKeyValue("metricsPort", http.port())
        .log("starting the chainblock operator");
    operator.start();
  }
}
