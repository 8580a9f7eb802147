package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Answers every HTTP request: checks path, credentials and envelope format, stores what is well
 * formed, and replies as the test asked. Thread-safe: runs on the server's executor threads while
 * the test thread changes the planned responses and the stall switch.
 */
final class EnvelopeHandler implements HttpHandler {

  /** {@code [/prefix]/api/<project>/envelope/}: a DSN may carry a path prefix. */
  private static final Pattern ENVELOPE_PATH = Pattern.compile("(/.*)?/api/[^/]+/envelope/");

  private static final String ENVELOPE_CONTENT_TYPE = "application/x-sentry-envelope";

  private final ReceivedStore store;
  private final String publicKey;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final ArrayDeque<Response> queued = new ArrayDeque<>(); // guarded by lock
  private Response standing = Response.ok(); // guarded by lock
  private boolean stalled; // guarded by lock
  private long latencyMillis; // guarded by lock
  private long trickleMillis; // pause between answer bytes, 0: none; guarded by lock
  private boolean closed; // guarded by lock

  /** The client ends (address and port) requests came from: one per TCP connection. */
  private final Set<Object> connections = ConcurrentHashMap.newKeySet();

  EnvelopeHandler(ReceivedStore store, String publicKey) {
    this.store = store;
    this.publicKey = publicKey;
  }

  void respondWith(Response response) {
    lock.lock();
    try {
      standing = response;
    } finally {
      lock.unlock();
    }
  }

  void enqueue(List<Response> responses) {
    lock.lock();
    try {
      queued.addAll(responses);
    } finally {
      lock.unlock();
    }
  }

  void latency(long millis) {
    lock.lock();
    try {
      latencyMillis = millis;
    } finally {
      lock.unlock();
    }
  }

  int connectionCount() {
    return connections.size();
  }

  void trickle(long millisPerByte) {
    lock.lock();
    try {
      trickleMillis = millisPerByte;
    } finally {
      lock.unlock();
    }
  }

  private long trickleMillis() {
    lock.lock();
    try {
      return trickleMillis;
    } finally {
      lock.unlock();
    }
  }

  /** Waits {@code millis}; false when the receiver closed meanwhile. */
  private boolean pause(long millis) {
    lock.lock();
    try {
      long left = TimeUnit.MILLISECONDS.toNanos(millis);
      while (left > 0 && !closed) {
        left = released.awaitNanos(left);
      }
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Waits the configured answer latency; false when the receiver closed meanwhile. */
  private boolean awaitLatency() {
    lock.lock();
    try {
      long left = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
      while (left > 0 && !closed) {
        left = released.awaitNanos(left);
      }
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  void stall(boolean on) {
    lock.lock();
    try {
      stalled = on;
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Releases stalled requests without answering them; later requests are dropped unanswered. */
  void close() {
    lock.lock();
    try {
      closed = true;
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      int number = store.requestArrived();
      connections.add(exchange.getRemoteAddress());
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String request = "#" + number + " " + method + " " + path;
      byte[] raw = exchange.getRequestBody().readAllBytes();
      if (!awaitRelease()) {
        return; // closing: leave the request unanswered, as a dead server would
      }
      if (!"POST".equals(method) || path == null || !ENVELOPE_PATH.matcher(path).matches()) {
        reject(
            exchange,
            request,
            404,
            "not an envelope endpoint (POST [/prefix]/api/<project>/envelope/)");
        return;
      }
      Headers headers = exchange.getRequestHeaders();
      String authProblem =
          SentryAuth.problem(
              headers.getFirst("X-Sentry-Auth"), exchange.getRequestURI().getRawQuery(), publicKey);
      if (authProblem != null) {
        reject(exchange, request, 401, authProblem);
        return;
      }
      String contentType = headers.getFirst("Content-Type");
      if (contentType != null
          && !contentType.split(";", 2)[0].trim().equalsIgnoreCase(ENVELOPE_CONTENT_TYPE)) {
        reject(
            exchange,
            request,
            415,
            "Content-Type is " + contentType + ", expected " + ENVELOPE_CONTENT_TYPE);
        return;
      }
      byte[] body;
      try {
        body = ContentDecoding.decode(headers.getFirst("Content-Encoding"), raw);
      } catch (ContentDecoding.UnsupportedEncodingException e) {
        reject(exchange, request, 415, e.getMessage());
        return;
      } catch (IOException e) {
        reject(
            exchange,
            request,
            400,
            "body is not valid " + headers.getFirst("Content-Encoding") + ": " + e.getMessage());
        return;
      }
      EnvelopeParser.Parsed parsed;
      try {
        parsed = EnvelopeParser.parse(body);
      } catch (MalformedEnvelopeException e) {
        reject(exchange, request, 400, e.getMessage());
        return;
      }
      Response response = nextResponse();
      ReceivedEnvelope envelope =
          new ReceivedEnvelope(
              path,
              headers,
              body,
              parsed.header,
              parsed.items,
              response.statusCode(),
              Instant.now());
      List<String> warnings = new ArrayList<>();
      for (String warning : parsed.warnings) {
        warnings.add(request + " (kept): " + warning);
      }
      // Stored before answering, so a test that saw the SDK's send complete also sees the envelope.
      store.addEnvelope(envelope, warnings);
      if (!awaitLatency()) {
        return; // closing: unanswered
      }
      send(exchange, response, parsed.header, trickleMillis());
    } catch (RuntimeException | Error e) {
      store.addMalformed("receiver failure: " + e);
      throw e;
    } finally {
      exchange.close();
    }
  }

  /** Holds the request while stalled; returns false when the receiver closed meanwhile. */
  private boolean awaitRelease() {
    lock.lock();
    try {
      while (stalled && !closed) {
        released.await();
      }
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private Response nextResponse() {
    lock.lock();
    try {
      Response next = queued.poll();
      return next != null ? next : standing;
    } finally {
      lock.unlock();
    }
  }

  private void reject(HttpExchange exchange, String request, int status, String reason)
      throws IOException {
    store.addMalformed(request + ": " + status + " " + reason);
    String detail = Json.MAPPER.createObjectNode().put("detail", reason).toString();
    Response response =
        Response.status(status)
            .header("X-Sentry-Error", Json.abbreviate(reason, 200))
            .header("Content-Type", "application/json")
            .body(detail);
    send(exchange, response, null, trickleMillis());
  }

  /**
   * Sends the answer: headers at once, then the body, one byte every {@code trickleMillis} when
   * that is positive (a Sentry, or a proxy, answering at a crawl); a closed receiver stops
   * mid-body.
   */
  private void send(
      HttpExchange exchange, Response response, JsonNode envelopeHeader, long trickleMillis)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    boolean contentTypeSet = false;
    for (Map.Entry<String, String> header : response.headers()) {
      headers.add(header.getKey(), header.getValue());
      contentTypeSet |= header.getKey().equalsIgnoreCase("Content-Type");
    }
    String text = response.bodyText();
    if (text == null && response.statusCode() / 100 == 2) {
      JsonNode eventId = envelopeHeader == null ? null : envelopeHeader.get("event_id");
      text = eventId == null ? "{}" : Json.MAPPER.createObjectNode().set("id", eventId).toString();
      if (!contentTypeSet) {
        headers.set("Content-Type", "application/json");
        contentTypeSet = true;
      }
    }
    byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    if (!contentTypeSet && bytes.length > 0) {
      headers.set("Content-Type", "text/plain; charset=utf-8");
    }
    // Length -1 means "no body"; 0 means chunked.
    exchange.sendResponseHeaders(
        response.statusCode(),
        response.isChunked() && bytes.length > 0 ? 0 : bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        if (trickleMillis <= 0) {
          out.write(bytes);
          return;
        }
        out.flush(); // the headers go now
        for (byte b : bytes) {
          if (!pause(trickleMillis)) {
            return; // closing: the answer stays cut
          }
          out.write(b);
          out.flush();
        }
      }
    }
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return String.format(
          Locale.ROOT,
          "responses: %s then %s%s%s",
          queued,
          standing,
          stalled ? ", stalled" : "",
          trickleMillis > 0 ? ", trickling 1 byte per " + trickleMillis + " ms" : "");
    } finally {
      lock.unlock();
    }
  }
}
