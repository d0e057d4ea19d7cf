package io.chainblock.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The operator's HTTP endpoints on one port: {@code /metrics} (Prometheus text), {@code /healthz}
 * (liveness: answering at all means the process is up) and {@code /readyz} (readiness, 503 with
 * the reason until {@link Readiness} says ready).
 */
final class OperatorHttpServer implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;

  private OperatorHttpServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving on {@code port} of every interface (0: any free port, for tests). */
  static OperatorHttpServer start(int port, OperatorMetrics metrics, Readiness readiness) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
    server.createContext("/healthz", exchange -> answer(exchange, 200, TEXT, "ok\n"));
    server.createContext("/readyz", exchange -> {
      String reason = readiness.notReadyReason();
      answer(exchange, reason == null ? 200 : 503, TEXT, reason == null ? "ok\n" : reason + "\n");
    });
    // Probes must answer while a scrape is slow, so more than one thread.
    server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "chainblock-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new OperatorHttpServer(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return;
    }
    byte[] bytes = method.equals("HEAD") ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
