package dev.sentry4j.bench.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for Sentry on 127.0.0.1: accepts every envelope with {@code 200 {"id":...}} at once
 * and counts what arrived, so that both SDKs pay for real HTTP without a real server's latency.
 *
 * <p>Counts envelopes, items of type {@code event} and {@code transaction}, and the error-category
 * quantities that client reports say were discarded. Counters stay readable after {@link #close()}.
 *
 * <p>Thread-safe: requests are handled on the sink's own daemon threads; counters are atomic.
 *
 * <pre>{@code
 * try (LoopbackSink sink = LoopbackSink.start()) {
 *   String dsn = sink.dsn();   // http://key@127.0.0.1:<port>/1
 *   ...
 *   long events = sink.events();
 * }
 * }</pre>
 */
public final class LoopbackSink implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK server writes the answer's headers and body apart; with Nagle's algorithm on, the
    // client's delayed ACK then holds every answer for up to ~40 ms, and the sink, not the SDK,
    // would
    // set the pace of delivery. The server reads this property once, when its first instance is
    // made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong envelopes = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong discardedErrors = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong lastRequestNanos = new AtomicLong(System.nanoTime());

  /** The latency server instead of {@link #server}, or {@code null}. */
  private LatencyServer latencyServer;

  private LoopbackSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a sink on 127.0.0.1 on a free port that answers each request after {@code latencyMillis}
   * (a Sentry one round trip away), on a small HTTP/1.1 server of its own: one thread per
   * connection, keep-alive, {@code TCP_NODELAY}. With 0 it is the same server without the wait. The
   * counting is the same as {@link #start()}'s.
   *
   * @param latencyMillis how long each answer waits, in milliseconds
   * @return the running sink
   * @throws IOException if no loopback port can be bound
   */
  public static LoopbackSink startWithLatency(long latencyMillis) throws IOException {
    LoopbackSink sink = new LoopbackSink(null, null);
    sink.latencyServer = LatencyServer.start(latencyMillis, sink::received);
    return sink;
  }

  /**
   * Connections the latency server accepted (0 for the plain sink): how many connections the client
   * opened to keep its requests in flight.
   *
   * @return the connection count
   */
  public int connections() {
    return latencyServer == null ? 0 : latencyServer.connections();
  }

  /**
   * Starts a sink on 127.0.0.1 on a free port.
   *
   * @return the running sink
   * @throws IOException if no loopback port can be bound
   */
  public static LoopbackSink start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // Two daemon threads: the SDKs send from one or two workers, and daemon threads never keep a
    // benchmark JVM alive if a teardown is skipped.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "bench-loopback-sink");
              t.setDaemon(true);
              return t;
            });
    LoopbackSink sink = new LoopbackSink(server, executor);
    server.createContext("/", sink::handle);
    server.setExecutor(executor);
    server.start();
    return sink;
  }

  /**
   * Returns the DSN that points at this sink, project id 1.
   *
   * @return {@code http://key@127.0.0.1:<port>/1}
   */
  public String dsn() {
    int port = latencyServer != null ? latencyServer.port() : server.getAddress().getPort();
    return "http://key@127.0.0.1:" + port + "/1";
  }

  /**
   * Returns how many envelopes (HTTP requests) arrived.
   *
   * @return the envelope count
   */
  public long envelopes() {
    return envelopes.get();
  }

  /**
   * Returns how many items of type {@code event} arrived, over all envelopes.
   *
   * @return the event count
   */
  public long events() {
    return events.get();
  }

  /**
   * Returns how many items of type {@code transaction} arrived, over all envelopes.
   *
   * @return the transaction count
   */
  public long transactions() {
    return transactions.get();
  }

  /**
   * Returns the sum of {@code quantity} over client-report entries of category {@code error}: the
   * error events an SDK says it dropped and reported.
   *
   * @return reported discarded error events
   */
  public long discardedErrorsReported() {
    return discardedErrors.get();
  }

  /**
   * Returns how many requests the sink could not read as an envelope.
   *
   * @return the malformed request count
   */
  public long malformed() {
    return malformed.get();
  }

  /**
   * Waits until no request has arrived for {@code quietMillis}, or {@code maxMillis} have passed.
   *
   * @param quietMillis how long the sink must have been idle
   * @param maxMillis the upper bound on the wait
   * @return true if the sink went quiet, false if the bound was hit first
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    long quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
    while (true) {
      long now = System.nanoTime();
      if (now - lastRequestNanos.get() >= quietNanos) {
        return true;
      }
      if (now >= deadline) {
        return false;
      }
      Thread.sleep(Math.min(50, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
    }
  }

  /**
   * Starts the quiet period afresh, as if a request had arrived now: an SDK whose stop returns at
   * once (sending in the background) may not have sent anything yet.
   */
  public void restartQuietPeriod() {
    lastRequestNanos.set(System.nanoTime());
  }

  /**
   * Stops accepting requests and lets the counting of what arrived finish (at most a second);
   * counters keep their values.
   */
  @Override
  public void close() {
    if (latencyServer != null) {
      latencyServer.close();
      return;
    }
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    lastRequestNanos.set(System.nanoTime());
    byte[] body;
    String encoding;
    long n;
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      n = envelopes.incrementAndGet();
      byte[] answer = String.format("{\"id\":\"%032x\"}", n).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
    // Counted after the answer, like a real server that queues what it received: the SDK waits for
    // the answer, not for the sink's bookkeeping.
    count(encoding, body);
  }

  /** A request the latency server answered. */
  private void received(String encoding, byte[] body) {
    lastRequestNanos.set(System.nanoTime());
    envelopes.incrementAndGet();
    count(encoding, body);
  }

  private void count(String encoding, byte[] body) {
    try {
      count(decode(encoding, body));
    } catch (IOException | RuntimeException e) {
      malformed.incrementAndGet();
    } finally {
      lastRequestNanos.set(System.nanoTime());
    }
  }

  private static byte[] decode(String encoding, byte[] body) throws IOException {
    boolean gzipMagic = body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    if ((encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip"))
        || gzipMagic) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return in.readAllBytes();
      }
    }
    return body;
  }

  /** Walks the envelope: header line, then (item header line, payload) pairs. */
  private void count(byte[] envelope) throws IOException {
    int pos = nextLineEnd(envelope, 0) + 1; // skip the envelope header
    while (pos < envelope.length) {
      int headerEnd = nextLineEnd(envelope, pos);
      if (headerEnd == pos) { // blank line between items
        pos++;
        continue;
      }
      JsonNode header = JSON.readTree(envelope, pos, headerEnd - pos);
      pos = headerEnd + 1;
      int payloadEnd;
      JsonNode length = header.get("length");
      if (length != null && length.canConvertToInt()) {
        payloadEnd = Math.min(envelope.length, pos + length.asInt());
      } else {
        payloadEnd = nextLineEnd(envelope, pos);
      }
      String type = header.path("type").asText("");
      if ("event".equals(type)) {
        events.incrementAndGet();
      } else if ("transaction".equals(type)) {
        transactions.incrementAndGet();
      } else if ("client_report".equals(type)) {
        countDiscarded(JSON.readTree(envelope, pos, payloadEnd - pos));
      }
      pos = payloadEnd + 1;
    }
  }

  private void countDiscarded(JsonNode report) {
    for (JsonNode entry : report.path("discarded_events")) {
      if ("error".equals(entry.path("category").asText())) {
        discardedErrors.addAndGet(entry.path("quantity").asLong(0));
      }
    }
  }

  private static int nextLineEnd(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }
}
