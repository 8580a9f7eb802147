package dev.sentry4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sentry4j.Sentry;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.Transaction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's orders service: {@code GET /orders/{id}} on the JDK's HttpServer. Each request gets
 * its own isolation scope and continues the caller's trace from the {@code sentry-trace} and {@code
 * baggage} headers; the database query is a child span; the log lines become breadcrumbs, and an
 * error line becomes an event in the same trace.
 */
final class OrdersService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("com.shop.Orders");

  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          2,
          task -> {
            Thread t = new Thread(task, "orders-http");
            t.setDaemon(true); // never keeps the JVM alive
            return t;
          });
  private final HttpServer server;

  /** Starts the service on 127.0.0.1 at a free port. */
  OrdersService() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/orders/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  /** Where it listens. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    int status;
    String body;
    // One isolation scope per request: its tags and breadcrumbs stay with this request.
    try (ScopeToken request = Sentry.newIsolationScope();
        Transaction tx =
            Sentry.continueTrace(headers(exchange), "http.server", "GET /orders/{id}")) {
      String id = exchange.getRequestURI().getPath().substring("/orders/".length());
      Sentry.setTag("order", id);
      log.info("looking up order {}", id);
      try {
        body = findOrder(id);
        status = 200;
      } catch (IllegalStateException e) {
        log.error("order lookup failed for {}", id, e);
        body = "internal error";
        status = 500;
        tx.setStatus(SpanStatus.INTERNAL_ERROR);
      }
      tx.setData("http.response.status_code", status);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String findOrder(String id) {
    try (Span query = Sentry.startSpan("db.query", "SELECT * FROM orders WHERE id = ?")) {
      query.setData("db.system", "fakedb");
      try {
        return FakeDb.select(id);
      } catch (SQLException e) {
        query.setStatus(SpanStatus.INTERNAL_ERROR);
        throw new IllegalStateException("could not load order " + id, e);
      }
    }
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      headers.put(h.getKey(), h.getValue().get(0));
    }
    return headers;
  }

  /**
   * Stops the server and waits for its requests to finish (their transactions are sent by then).
   */
  @Override
  public void close() throws InterruptedException {
    server.stop(0);
    workers.shutdown();
    workers.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** A database that answers from memory, slowly enough to show in the span tree. */
  private static final class FakeDb {
    private static final Map<String, String> ORDERS =
        Map.of("A-17", "{\"id\":\"A-17\",\"total\":59.90}");

    static String select(String id) throws SQLException {
      pause();
      if (id.startsWith("B-")) {
        throw new SQLTransientConnectionException("connection to orders-db reset", "08S01");
      }
      String row = ORDERS.get(id);
      return row == null ? "{}" : row;
    }

    private static void pause() {
      try {
        Thread.sleep(4); // pretend to be a database: a few milliseconds
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
