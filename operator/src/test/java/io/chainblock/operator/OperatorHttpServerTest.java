package io.chainblock.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints Prometheus and the kubelet use, scraped over HTTP as they do. */
class OperatorHttpServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final AtomicReference<String> notReady = new AtomicReference<>("the operator has not started its controllers yet");
  private OperatorHttpServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void metricsShowPipelinesByPhaseBlockDurationsAndLatencies() throws Exception {
    server = OperatorHttpServer.start(0, metrics, notReady::get);
    metrics.pipelinePhase("team-a", "wordcount", "Running");
    metrics.pipelinePhase("team-a", "join", "Running");
    metrics.pipelinePhase("team-b", "pbzip2", "Succeeded");
    metrics.pipelinePhase("team-a", "join", "Failed");
    metrics.pipelineDeleted("team-b", "pbzip2");
    metrics.blockFinished("split", "Succeeded", Duration.ofSeconds(42));
    metrics.blockStarted(Duration.ofMillis(250));
    metrics.reconciled("disk", "success", Duration.ofMillis(12));

    HttpResponse<String> scrape = get("/metrics");

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(scrape.body()).contains(
        "chainblock_pipelines{phase=\"Running\"} 1",
        "chainblock_pipelines{phase=\"Failed\"} 1",
        "chainblock_pipelines{phase=\"Succeeded\"} 0",
        "chainblock_pipelines{phase=\"Pending\"} 0",
        "chainblock_block_duration_seconds_count{block=\"split\",outcome=\"Succeeded\"} 1",
        "chainblock_block_duration_seconds_sum{block=\"split\",outcome=\"Succeeded\"} 42",
        "chainblock_block_transition_seconds_count 1",
        "chainblock_block_transition_seconds_bucket{le=",
        "chainblock_reconcile_seconds_count{controller=\"disk\",outcome=\"success\"} 1");
  }

  @Test
  void livenessAnswersAtOnceAndReadinessWaitsForTheOperator() throws Exception {
    server = OperatorHttpServer.start(0, metrics, notReady::get);

    HttpResponse<String> live = get("/healthz");
    HttpResponse<String> starting = get("/readyz");
    notReady.set(null);
    HttpResponse<String> ready = get("/readyz");

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body()).contains("has not started its controllers");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ok\n");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
