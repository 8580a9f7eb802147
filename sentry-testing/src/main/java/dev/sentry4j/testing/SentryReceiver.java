package dev.sentry4j.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A local Sentry server for tests: an HTTP server on 127.0.0.1 at a free port that accepts
 * envelopes the way Relay does, only stricter, and keeps everything it received.
 *
 * <pre>{@code
 * try (SentryReceiver receiver = SentryReceiver.start()) {
 *   // point the SDK at receiver.dsn(), log an error, flush
 *   ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(5)).get(0);
 *   assertThat(event.message()).isEqualTo("Order A-17 failed");
 *   RelaySchema.assertValidEvent(event.json());
 *   assertThat(receiver.malformed()).isEmpty();
 * }
 * }</pre>
 *
 * <p><b>What is accepted.</b> Only {@code POST [/prefix]/api/<project>/envelope/} (else 404), with
 * {@code X-Sentry-Auth: Sentry sentry_version=7,sentry_key=testkey,...} or {@code sentry_key} in
 * the query string (else 401), {@code Content-Type} absent or {@code application/x-sentry-envelope}
 * and {@code Content-Encoding} absent, {@code gzip}, {@code x-gzip} or {@code deflate} (else 415).
 * The decoded body must be an exact envelope (else 400): compact JSON header lines, no duplicate
 * keys, {@code length} counting UTF-8 bytes and followed by a newline or the end, ids of 32
 * lowercase hex digits, an envelope {@code event_id} matching the event's, JSON payloads for JSON
 * item types, at most one event or transaction, one log item and one check-in per envelope. Each
 * rejected request is described in {@link #malformed()} and its items are not kept. Log records are
 * also checked (item_count, timestamp, trace id, level, attribute types); findings there are added
 * to {@link #malformed()} but the records are kept.
 *
 * <p><b>What is answered.</b> By default {@code 200} with {@code {"id":"<event_id>"}}; see {@link
 * #respondWith}, {@link #enqueueResponses}, {@link #respondAfter}, {@link #trickle} and {@link
 * #stall}. Every well-formed envelope is kept whatever the answer was ({@link
 * ReceivedEnvelope#responseStatus()} tells), and it is stored before the answer is sent.
 *
 * <p>Thread-safe. The server runs on daemon threads, so a receiver that is never closed does not
 * keep the JVM alive; still, close it (try-with-resources or {@code @AfterEach}).
 */
public final class SentryReceiver implements AutoCloseable {

  /** The public key of {@link #dsn()}; requests with another key are refused with 401. */
  public static final String PUBLIC_KEY = "testkey";

  /** The project id of {@link #dsn()}. */
  public static final String PROJECT_ID = "1";

  /** Requests handled at the same time; more wait in the server's queue. */
  private static final int HANDLER_THREADS = 8;

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  static {
    // The JDK server writes headers and body apart; with Nagle's algorithm on, the client's delayed
    // ACK then holds every answer for ~40 ms, which makes a test sending many envelopes crawl. The
    // server reads this property once, when its first instance is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final ReceivedStore store;
  private final EnvelopeHandler handler;
  private final int port;
  private final Object closeLock = new Object();
  private boolean closed; // guarded by closeLock

  private SentryReceiver(
      HttpServer server,
      ThreadPoolExecutor executor,
      ReceivedStore store,
      EnvelopeHandler handler) {
    this.server = server;
    this.executor = executor;
    this.store = store;
    this.handler = handler;
    this.port = server.getAddress().getPort();
  }

  /**
   * Starts a receiver on 127.0.0.1 at a free port.
   *
   * @return the running receiver
   * @throws UncheckedIOException if no server socket can be opened
   */
  public static SentryReceiver start() {
    return start(0);
  }

  /**
   * Starts a receiver on 127.0.0.1 at a given port: for "Sentry is down at start, up later" tests,
   * where the SDK was pointed at the port before anything listened there.
   *
   * @param port the port, or 0 for a free one
   * @return the running receiver
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static SentryReceiver start(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    int instance = INSTANCES.incrementAndGet();
    HttpServer server;
    try {
      InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      server = HttpServer.create(new InetSocketAddress(loopback, port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a server socket on 127.0.0.1:" + port, e);
    }
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            HANDLER_THREADS,
            HANDLER_THREADS,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("sentry-receiver-" + instance + "-"));
    executor.allowCoreThreadTimeOut(true);
    ReceivedStore store = new ReceivedStore();
    EnvelopeHandler handler = new EnvelopeHandler(store, PUBLIC_KEY);
    server.createContext("/", handler);
    server.setExecutor(executor);
    startOnDaemonThread(server, instance);
    return new SentryReceiver(server, executor, store, handler);
  }

  /**
   * The port the receiver listens on.
   *
   * @return the port on 127.0.0.1
   */
  public int port() {
    return port;
  }

  /**
   * The DSN to give the SDK.
   *
   * @return {@code http://testkey@127.0.0.1:<port>/1}
   */
  public String dsn() {
    return "http://" + PUBLIC_KEY + "@127.0.0.1:" + port + "/" + PROJECT_ID;
  }

  /**
   * The envelope endpoint that {@link #dsn()} leads to.
   *
   * @return {@code http://127.0.0.1:<port>/api/1/envelope/}
   */
  public String endpoint() {
    return "http://127.0.0.1:" + port + "/api/" + PROJECT_ID + "/envelope/";
  }

  /**
   * Every well-formed envelope received so far.
   *
   * @return an immutable snapshot in arrival order
   */
  public List<ReceivedEnvelope> envelopes() {
    return store.envelopes();
  }

  /**
   * The payloads of all {@code event} items received so far.
   *
   * @return an immutable snapshot in arrival order
   */
  public List<ReceivedEvent> events() {
    return store.events();
  }

  /**
   * The payloads of all {@code transaction} items received so far.
   *
   * @return an immutable snapshot in arrival order
   */
  public List<ReceivedEvent> transactions() {
    return store.transactions();
  }

  /**
   * Every record of every {@code log} item received so far, flattened.
   *
   * @return an immutable snapshot in arrival order (records in item order)
   */
  public List<ReceivedLog> logs() {
    return store.logs();
  }

  /**
   * The payloads of all {@code client_report} items received so far.
   *
   * @return an immutable snapshot in arrival order
   */
  public List<ReceivedClientReport> clientReports() {
    return store.clientReports();
  }

  /**
   * The total quantity the SDK reported dropped for one reason and category, over all client
   * reports received so far.
   *
   * @param reason e.g. {@code queue_overflow}
   * @param category e.g. {@code error}
   * @return the sum of the matching {@code quantity} values, 0 when there are none
   */
  public long discarded(String reason, String category) {
    return store.discarded(reason, category);
  }

  /**
   * Waits until at least {@code atLeast} events have arrived.
   *
   * @param atLeast how many events to wait for
   * @param timeout how long to wait at most
   * @return a snapshot of all events (possibly more than {@code atLeast})
   * @throws AssertionError on timeout, saying what was expected and what arrived
   */
  public List<ReceivedEvent> awaitEvents(int atLeast, Duration timeout) {
    return store.awaitEvents(atLeast, timeout);
  }

  /**
   * Waits until at least {@code atLeast} transactions have arrived.
   *
   * @param atLeast how many transactions to wait for
   * @param timeout how long to wait at most
   * @return a snapshot of all transactions
   * @throws AssertionError on timeout, saying what was expected and what arrived
   */
  public List<ReceivedEvent> awaitTransactions(int atLeast, Duration timeout) {
    return store.awaitTransactions(atLeast, timeout);
  }

  /**
   * Waits until at least {@code atLeast} log records have arrived.
   *
   * @param atLeast how many records to wait for
   * @param timeout how long to wait at most
   * @return a snapshot of all log records
   * @throws AssertionError on timeout, saying what was expected and what arrived
   */
  public List<ReceivedLog> awaitLogs(int atLeast, Duration timeout) {
    return store.awaitLogs(atLeast, timeout);
  }

  /**
   * Waits until at least {@code atLeast} well-formed envelopes have arrived.
   *
   * @param atLeast how many envelopes to wait for
   * @param timeout how long to wait at most
   * @return a snapshot of all envelopes
   * @throws AssertionError on timeout, saying what was expected and what arrived
   */
  public List<ReceivedEnvelope> awaitEnvelopes(int atLeast, Duration timeout) {
    return store.awaitEnvelopes(atLeast, timeout);
  }

  /**
   * Waits until a condition holds, e.g. {@code () -> receiver.discarded("queue_overflow", "error")
   * >= 3}. The condition is checked on the calling thread at once, after every arrival and at least
   * every 10 ms.
   *
   * @param what a description of the condition for the failure message
   * @param timeout how long to wait at most
   * @param condition the condition; it may also look at state outside the receiver
   * @throws AssertionError on timeout, naming the condition and summarising what arrived
   */
  public void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
    store.awaitCondition(what, timeout, condition);
  }

  /**
   * Answers every following request with this response (until changed), after any responses queued
   * by {@link #enqueueResponses}. Requests refused for being malformed still get 4xx.
   *
   * @param response e.g. {@code Response.status(429).header("Retry-After", "60")}
   */
  public void respondWith(Response response) {
    handler.respondWith(requireResponse(response));
  }

  /**
   * Answers the next well-formed requests with these responses, one each in order, then falls back
   * to the {@link #respondWith} response.
   *
   * @param responses the responses
   */
  public void enqueueResponses(Response... responses) {
    for (Response response : responses) {
      requireResponse(response);
    }
    handler.enqueue(Arrays.asList(responses));
  }

  /**
   * Answers every following well-formed request only after {@code latency} (it is stored first): a
   * Sentry one round trip away. {@link Duration#ZERO} answers at once again. At most 8 requests are
   * handled at once; further ones wait for a free handler thread.
   *
   * @param latency the wait before each answer
   */
  public void respondAfter(Duration latency) {
    if (latency == null || latency.isNegative()) {
      throw new IllegalArgumentException("latency must be zero or positive, got " + latency);
    }
    handler.latency(latency.toMillis());
  }

  /**
   * Answers every following request at a crawl: the request is read, checked and stored at once,
   * the answer's status and headers are sent, then its body one byte every {@code perByte} (a
   * 41-byte {@code {"id":...}} takes 41 s at one byte per second). Models a Sentry, or a proxy in
   * front of it, that trickles: a client that waits for the whole answer without a deadline ties up
   * a request for as long. {@link Duration#ZERO} answers at once again. {@link #close()} cuts the
   * answers being trickled.
   *
   * @param perByte the pause before each byte of the body
   */
  public void trickle(Duration perByte) {
    if (perByte == null || perByte.isNegative()) {
      throw new IllegalArgumentException("perByte must be zero or positive, got " + perByte);
    }
    handler.trickle(perByte.toMillis());
  }

  /**
   * Holds every following request unanswered (its body is read and it is counted in {@link
   * #requestCount()}, nothing is stored) until {@link #unstall()} or {@link #close()}. Use it to
   * test SDK timeouts, full queues and flush deadlines. At most 8 requests are held at once;
   * further ones wait, unread and uncounted, for a free handler thread.
   */
  public void stall() {
    handler.stall(true);
  }

  /** Lets held and later requests through; they are then checked, stored and answered. */
  public void unstall() {
    handler.stall(false);
  }

  /**
   * How many HTTP requests arrived, rejected and stalled ones included.
   *
   * @return the request count since start or {@link #clear()}
   */
  public int requestCount() {
    return store.requestCount();
  }

  /**
   * Descriptions of the requests that were refused (404, 401, 415, 400, with the reason) and of
   * problems found in kept log records. A test of a correct SDK expects this to be empty.
   *
   * @return an immutable snapshot in arrival order
   */
  public List<String> malformed() {
    return store.malformed();
  }

  /**
   * How many TCP connections requests arrived on since start (a client that keeps connections alive
   * sends many requests over few): distinct client addresses and ports.
   *
   * @return the connection count
   */
  public int connectionCount() {
    return handler.connectionCount();
  }

  /** Forgets everything received and resets {@link #requestCount()}; planned responses stay. */
  public void clear() {
    store.clear();
  }

  /**
   * Stops the server at once. Stalled requests are released without an answer; later requests fail
   * to connect. Idempotent.
   */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    handler.close();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the endpoint, the planned responses and a summary of what arrived. */
  @Override
  public String toString() {
    return "SentryReceiver " + endpoint() + " (" + handler + ")\n" + store.summary();
  }

  private static Response requireResponse(Response response) {
    if (response == null) {
      throw new IllegalArgumentException("response must not be null");
    }
    return response;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * The JDK server's dispatcher thread inherits daemon status from the thread calling start, and
   * there is no other way to make it a daemon.
   */
  private static void startOnDaemonThread(HttpServer server, int instance) {
    Thread starter = new Thread(server::start, "sentry-receiver-" + instance + "-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop(0);
      throw new IllegalStateException("interrupted while starting the receiver", e);
    }
  }
}
