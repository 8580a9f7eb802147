package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.SdkInfo;
import dev.sentry4j.options.Dsn;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Sends envelopes with the JDK's {@link HttpClient} (the SDK uses it for {@code https://}; {@link
 * Http11Sender} is cheaper for {@code http://}, see {@link HttpSenders}): gzip, {@code
 * X-Sentry-Auth}, the configured connect timeout, and the read timeout for the whole answer: the
 * client's request timeout until the headers, then a deadline that cuts a body still being read (a
 * 2xx whose headers arrived counts as delivered even so: Sentry stored the envelope). HTTP/2 over
 * TLS when the server offers it (ALPN), HTTP/1.1 for plain {@code http://} (no {@code h2c} upgrade
 * attempt); no redirects, no cookies, no proxy (as before).
 *
 * <p>The JDK client logs nothing through the application's logging framework (its own logging is
 * off unless {@code -Djdk.httpclient.HttpClient.log} is set), so the {@code X-Sentry-Auth} header
 * never reaches the application's appenders. Its work runs on daemon {@code sentry4j-http} threads,
 * and its selector thread is a daemon too, so the client never holds JVM exit.
 */
public final class JdkHttpSender implements HttpSender {
  private static final String ENVELOPE = "application/x-sentry-envelope";

  /** Enough of a refusal's body to explain it in a diagnostic line. */
  private static final int MAX_BODY_CHARS = 512;

  /** An answer's body is read (and dropped) up to this size, then the stream is closed. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpClient client;
  private final ExecutorService executor;
  private final URI uri;
  private final String auth;
  private final boolean gzip;
  private final Duration readTimeout;
  private final HttpClient.Version version;
  private final Set<CompletableFuture<?>> inFlight = new HashSet<>(); // guarded by itself
  // answers' bodies being read: close cuts them (the JDK's body stream ignores an interrupt until
  // it is closed, so a server trickling its answer would hold the thread); guarded by inFlight
  private final Set<InputStream> bodies = new HashSet<>();
  private boolean closed; // guarded by inFlight
  private final Gzip gzipper = new Gzip();
  private final Endpoint endpoint;
  // cuts an answer's body at the deadline (the JDK client's timeout ends with the headers)
  private final ScheduledThreadPoolExecutor deadlines;

  /**
   * Creates a sender for a DSN.
   *
   * @param dsn where to send
   * @param connectTimeout connect timeout
   * @param readTimeout time to wait for the answer's headers
   */
  public JdkHttpSender(Dsn dsn, Duration connectTimeout, Duration readTimeout) {
    this(dsn.getEnvelopeUri().toString(), authHeader(dsn), connectTimeout, readTimeout, true);
  }

  /**
   * Creates a sender for any envelope URL (Spotlight takes uncompressed envelopes without auth).
   *
   * @param url the envelope endpoint
   * @param auth the {@code X-Sentry-Auth} value, or {@code null}
   * @param connectTimeout connect timeout
   * @param readTimeout time to wait for the answer's headers
   * @param gzip whether to compress
   */
  public JdkHttpSender(
      String url, String auth, Duration connectTimeout, Duration readTimeout, boolean gzip) {
    this(url, auth, connectTimeout, readTimeout, gzip, null);
  }

  /** As above, with the TLS context to use ({@code null}: the JDK's default); tests pass theirs. */
  JdkHttpSender(
      String url,
      String auth,
      Duration connectTimeout,
      Duration readTimeout,
      boolean gzip,
      SSLContext tls) {
    this.uri = URI.create(url);
    this.endpoint = new Endpoint(uri);
    this.auth = auth;
    this.gzip = gzip;
    this.readTimeout = readTimeout;
    this.version =
        "https".equalsIgnoreCase(uri.getScheme())
            ? HttpClient.Version.HTTP_2
            : HttpClient.Version.HTTP_1_1;
    JdkClientLogging.quiet(); // again at each start: a LogManager.reset() clears it
    this.executor = HttpThreads.requests();
    this.deadlines = HttpThreads.timer("http-deadline");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .version(version)
            .executor(Runnable::run);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.client = builder.build();
  }

  /**
   * The {@code X-Sentry-Auth} header the SDK sends for {@code dsn} (the setup check sends it too).
   */
  public static String authHeader(Dsn dsn) {
    StringBuilder auth =
        new StringBuilder("Sentry sentry_version=7,sentry_client=")
            .append(SdkInfo.USER_AGENT)
            .append(",sentry_key=")
            .append(dsn.getPublicKey());
    if (dsn.getSecretKey() != null) {
      auth.append(",sentry_secret=").append(dsn.getSecretKey());
    }
    return auth.toString();
  }

  @Override
  public HttpResult send(byte[] envelope) throws IOException {
    CompletableFuture<HttpResult> answer = sendAsync(envelope);
    try {
      return answer.get();
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending");
    } catch (CancellationException e) {
      throw new IOException("the sender was closed while sending");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException(cause);
    }
  }

  /**
   * Sends without waiting: over HTTP/2 the requests share one connection as streams; over HTTP/1.1
   * the client opens a connection per request in flight and keeps them for reuse (the SDK's sender
   * bounds them with {@code maxInFlight}). The future fails with an {@link IOException} on a
   * network error, a timeout ({@code HttpTimeoutException}) or {@link #close}.
   *
   * <p>Each request waits in the client's blocking {@code send} on one of the SDK's {@code
   * sentry4j-http} threads, not in {@code HttpClient.sendAsync}: the JDK completes every {@code
   * sendAsync} future through {@code CompletableFuture}'s default executor, which on a machine with
   * one or two CPUs (most containers) starts a new thread for every request.
   */
  @Override
  public CompletableFuture<HttpResult> sendAsync(byte[] envelope) {
    HttpRequest request;
    try {
      request = request(envelope);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<HttpResult> answer = new CompletableFuture<>();
    synchronized (inFlight) {
      if (closed) {
        return CompletableFuture.failedFuture(new IOException("the sender is closed"));
      }
      inFlight.add(answer);
    }
    try {
      executor.execute(() -> exchange(request, answer));
    } catch (RuntimeException e) { // rejected: closed meanwhile
      answer.completeExceptionally(new IOException("the sender is closed"));
    }
    return answer.whenComplete(
        (result, error) -> {
          synchronized (inFlight) {
            inFlight.remove(answer);
          }
        });
  }

  private void exchange(HttpRequest request, CompletableFuture<HttpResult> answer) {
    if (answer.isDone()) {
      return; // cancelled by close before it started
    }
    long started = System.nanoTime();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      InputStream body = response.body();
      synchronized (inFlight) {
        if (closed) {
          body.close();
          throw new IOException("the sender was closed while sending");
        }
        bodies.add(body);
      }
      ScheduledFuture<?> cut = null;
      try {
        Thread reader = Thread.currentThread();
        long left = readTimeout.toNanos() - (System.nanoTime() - started);
        cut = deadlines.schedule(() -> cut(body, reader), left, TimeUnit.NANOSECONDS);
        answer.complete(result(response));
      } finally {
        if (cut != null) {
          cut.cancel(false);
        }
        synchronized (inFlight) {
          bodies.remove(body);
          Thread.interrupted(); // a cut that came as the body ended is not for the next request
        }
      }
    } catch (InterruptedException e) {
      answer.completeExceptionally(new IOException("the sender was closed while sending"));
    } catch (IOException | RuntimeException e) {
      answer.completeExceptionally(e);
    } catch (Error e) {
      answer.completeExceptionally(e); // an OutOfMemoryError: the sender counts it and goes on
    }
  }

  /**
   * The deadline of an answer (the read timeout from the request's start) passed while its body is
   * still being read: closes the body and wakes the reader (the JDK's body stream ignores an
   * interrupt until it is closed), so a server trickling its answer does not hold the request.
   */
  private void cut(InputStream body, Thread reader) {
    synchronized (inFlight) {
      if (!bodies.remove(body)) {
        return; // read meanwhile
      }
      try {
        body.close();
      } catch (IOException | RuntimeException e) {
        // cut anyway
      }
      reader.interrupt();
    }
  }

  private HttpRequest request(byte[] envelope) {
    HttpRequest.Builder post =
        HttpRequest.newBuilder(uri)
            .timeout(readTimeout)
            .version(version)
            .header("Content-Type", ENVELOPE)
            .header("User-Agent", SdkInfo.USER_AGENT);
    if (auth != null) {
      post.header("X-Sentry-Auth", auth);
    }
    if (gzip) {
      int[] end = new int[1];
      byte[] body = gzipper.compress(envelope, 0, end);
      post.header("Content-Encoding", "gzip");
      post.POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, end[0]));
    } else {
      post.POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
    }
    return post.build();
  }

  /** Reads the answer: status, rate-limit headers, the start of a refusal's body. */
  private static HttpResult result(HttpResponse<InputStream> response) throws IOException {
    int status = response.statusCode();
    String text = null;
    try (InputStream in = response.body()) {
      byte[] head = in.readNBytes(MAX_BODY_BYTES);
      if (status >= 300 && head.length > 0) {
        // an unreadable explanation must not turn a refusal into a retry: decoding never throws
        String all = new String(head, StandardCharsets.UTF_8);
        text = all.length() > MAX_BODY_CHARS ? all.substring(0, MAX_BODY_CHARS) : all;
      }
    } catch (IOException e) {
      if (status < 200) {
        throw e;
      }
      // A 2xx: Sentry stored the envelope and said so; only the rest of its answer is late or cut
      // (not sent again). A refusal: an unreadable explanation must not turn it into a retry.
    }
    HttpHeaders headers = response.headers();
    return new HttpResult(
        status,
        headers.firstValue("Retry-After").orElse(null),
        headers.firstValue("X-Sentry-Rate-Limits").orElse(null),
        text);
  }

  /**
   * Before Java 21 the client has no way to stop: its selector thread waits in {@code epoll_wait},
   * native code, and the JVM's exit waits for every thread in native code to block (at least 300
   * ms, more on a busy machine). Interrupting it ends its loop and closes its connections. Found by
   * name ({@code HttpClient-<id>-SelectorManager}, the id from the client's {@code toString}); not
   * found, nothing happens.
   */
  private void stopSelectorThread() {
    String text = client.toString();
    int open = text.lastIndexOf('(');
    int close = text.lastIndexOf(')');
    if (open < 0 || close < open) {
      return;
    }
    String name = "HttpClient-" + text.substring(open + 1, close) + "-SelectorManager";
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root != null && root.getParent() != null) {
      root = root.getParent();
    }
    if (root == null) {
      return;
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (name.equals(threads[i].getName())) {
        threads[i].interrupt();
      }
    }
  }

  /**
   * Connects a plain socket to Sentry's host and port and closes it at once (no request, no TLS):
   * {@code true} when the connection is refused or cannot be made in time.
   */
  @Override
  public boolean refusesConnections(Duration timeout) {
    return endpoint.refusesConnections(timeout);
  }

  /**
   * Stops the client's threads. On Java 21+ the client's own {@code shutdownNow} also closes its
   * connections and selector thread; before that they end when the client is collected (the
   * selector is a daemon thread either way).
   */
  @Override
  public void close() {
    synchronized (inFlight) {
      closed = true;
      for (CompletableFuture<?> answer : new java.util.ArrayList<>(inFlight)) {
        // the waiting send returns at once; the interrupt below ends the exchange
        answer.completeExceptionally(new IOException("the sender was closed while sending"));
      }
      for (InputStream body : bodies) {
        try {
          body.close(); // the reading thread then ends at the interrupt below
        } catch (IOException | RuntimeException e) {
          // closing anyway
        }
      }
      bodies.clear();
    }
    try {
      HttpClient.class.getMethod("shutdownNow").invoke(client);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Java 11-20: nothing to call; the selector thread would end only with the client
      stopSelectorThread();
    }
    executor.shutdownNow();
    deadlines.shutdownNow();
    gzipper.end(); // zlib's native memory
  }
}
