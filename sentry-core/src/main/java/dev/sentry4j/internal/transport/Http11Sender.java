package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.SdkInfo;
import dev.sentry4j.options.Dsn;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends envelopes to an {@code http://} Sentry over HTTP/1.1 with plain blocking sockets and a
 * small keep-alive pool: the JDK's {@code HttpClient} costs about half a millisecond of CPU per
 * request on its selector and completion machinery, this about a tenth of that. ({@code https://}
 * stays with {@link JdkHttpSender}: TLS and HTTP/2 streams on one connection.)
 *
 * <ul>
 *   <li><b>Pool.</b> Each request takes the most recently used idle connection, else opens one; it
 *       goes back to the pool after a complete answer that does not say {@code Connection: close}.
 *       Open connections stay within {@code maxConnections} (the SDK's {@code maxInFlight}, which
 *       also bounds the requests at once); idle ones are closed after 4 s, less than the keep-alive
 *       timeouts of common servers and proxies (5 s and more).
 *   <li><b>Request.</b> Head ({@code Host}, {@code User-Agent}, {@code Content-Type:
 *       application/x-sentry-envelope}, {@code X-Sentry-Auth}, {@code Content-Encoding: gzip},
 *       {@code Content-Length}) and gzip body in one write, with {@code TCP_NODELAY}.
 *   <li><b>Answer.</b> Status, {@code Retry-After}, {@code X-Sentry-Rate-Limits}, {@code
 *       Connection}; the body by {@code Content-Length}, chunked, or up to the close; at most 64
 *       KiB of it is read (a longer one closes the connection), and only the start of a refusal's
 *       body is kept, for its diagnostic.
 *   <li><b>Time.</b> The connect timeout per connection; the read timeout bounds the whole answer,
 *       body included (each read waits at most for what is left of it): a server trickling its
 *       answer a byte a second frees the request at the deadline. A 2xx whose headers arrived
 *       counts as delivered (Sentry has stored the envelope) even if its body is then cut or late:
 *       only the connection is dropped, the envelope is not sent again.
 *   <li><b>A stale pooled connection.</b> A server may close an idle connection just as a request
 *       goes out on it. A request on a reused connection that fails before any byte of the answer
 *       arrived (reset, end of stream; not a timeout) is sent once more on a new connection. The
 *       server may in rare cases have received it complete (it stored the envelope, then dropped
 *       the connection without an answer): the envelope then arrives twice. That is the SDK's
 *       at-least-once delivery anyway (any network error after the request left is retried later,
 *       see the package documentation); Sentry keeps one event per {@code event_id}, so an event or
 *       transaction sent twice is stored once. A client report sent twice would count its drops
 *       twice; it is as rare as the race above.
 *   <li><b>Threads.</b> Each request blocks one daemon {@code sentry4j-http} thread of a cached
 *       pool (idle threads end after 30 s); one of them also closes expired idle connections while
 *       any are pooled. {@link #close} cuts requests in flight by closing their sockets.
 *   <li><b>Secrets.</b> The {@code X-Sentry-Auth} header (the DSN's key) is written to the socket
 *       only: no exception message or diagnostic holds it, and nothing is logged.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Http11Sender implements HttpSender {
  private static final String ENVELOPE = "application/x-sentry-envelope";

  /** Enough of a refusal's body to explain it in a diagnostic line. */
  private static final int MAX_BODY_CHARS = 512;

  /** An answer's body is read up to this size; a longer one closes the connection. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  /** Status line and headers larger than this are not an answer from Sentry. */
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** How long a pooled connection may stay idle. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);

  /**
   * A write larger than this may block on a server that does not read (a socket write has no
   * timeout of its own): it is watched, and the socket closed at the deadline. Smaller ones fit in
   * the socket's send buffer (16 KiB at least on common systems) and are not watched, which costs
   * nothing per request.
   */
  private static final int WATCHED_WRITE = 16 * 1024;

  private static final String TIMED_OUT = "no complete answer within the read timeout";
  private static final String CLOSED_WHILE_SENDING = "the sender was closed while sending";

  private final Endpoint endpoint;
  private final byte[] head; // the request head up to and including "Content-Length: "
  private final int reserve; // room left before the body for the head and the length
  private final Gzip gzip;
  private final int connectMillis;
  private final long readNanos; // 0: no deadline
  private final int maxConnections;
  private final long idleNanos;
  private final ExecutorService executor;
  private final AtomicInteger opened = new AtomicInteger();

  private final Object lock = new Object();
  // most recently released first; guarded by lock
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final Set<Connection> busy = new HashSet<>(); // guarded by lock
  private final Set<CompletableFuture<HttpResult>> inFlight = new HashSet<>(); // guarded by lock
  private boolean closed; // guarded by lock
  private boolean reaping; // guarded by lock
  private ScheduledThreadPoolExecutor watchdog; // made at the first large write; guarded by lock

  /**
   * Creates a sender for an {@code http://} DSN.
   *
   * @param dsn where to send
   * @param connectTimeout connect timeout (zero: none)
   * @param readTimeout time for the whole answer (zero: none)
   * @param maxConnections connections open at most (the SDK's {@code maxInFlight})
   */
  public Http11Sender(Dsn dsn, Duration connectTimeout, Duration readTimeout, int maxConnections) {
    this(
        dsn.getEnvelopeUri().toString(),
        JdkHttpSender.authHeader(dsn),
        connectTimeout,
        readTimeout,
        true,
        maxConnections);
  }

  /**
   * Creates a sender for any {@code http://} envelope URL (Spotlight takes uncompressed envelopes
   * without auth).
   *
   * @param url the envelope endpoint
   * @param auth the {@code X-Sentry-Auth} value, or {@code null}
   * @param connectTimeout connect timeout (zero: none)
   * @param readTimeout time for the whole answer (zero: none)
   * @param gzip whether to compress
   * @param maxConnections connections open at most
   */
  public Http11Sender(
      String url,
      String auth,
      Duration connectTimeout,
      Duration readTimeout,
      boolean gzip,
      int maxConnections) {
    this(url, auth, connectTimeout, readTimeout, gzip, maxConnections, IDLE_TIMEOUT);
  }

  /** As above, with the idle timeout of pooled connections (tests shorten it). */
  Http11Sender(
      String url,
      String auth,
      Duration connectTimeout,
      Duration readTimeout,
      boolean gzip,
      int maxConnections,
      Duration idleTimeout) {
    this.endpoint = new Endpoint(URI.create(url));
    if (endpoint.https) {
      throw new IllegalArgumentException("Http11Sender sends plain http:// only");
    }
    StringBuilder h =
        new StringBuilder(256)
            .append("POST ")
            .append(endpoint.target)
            .append(" HTTP/1.1\r\nHost: ")
            .append(endpoint.hostHeader)
            .append("\r\nUser-Agent: ")
            .append(SdkInfo.USER_AGENT)
            .append("\r\nContent-Type: ")
            .append(ENVELOPE)
            .append("\r\n");
    if (auth != null) {
      h.append("X-Sentry-Auth: ").append(auth).append("\r\n");
    }
    if (gzip) {
      h.append("Content-Encoding: gzip\r\n");
    }
    h.append("Content-Length: ");
    this.head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    this.reserve = head.length + 10 + 4; // up to 10 digits, then CRLF CRLF
    this.gzip = gzip ? new Gzip() : null;
    this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    this.readNanos = readTimeout.isZero() ? 0 : readTimeout.toNanos();
    this.maxConnections = Math.max(1, maxConnections);
    this.idleNanos = idleTimeout.toNanos();
    this.executor = HttpThreads.requests();
  }

  @Override
  public HttpResult send(byte[] envelope) throws IOException {
    return exchange(request(envelope));
  }

  /**
   * Sends on one of the {@code sentry4j-http} threads; the future fails with an {@link IOException}
   * on a network error, a timeout or {@link #close}.
   */
  @Override
  public CompletableFuture<HttpResult> sendAsync(byte[] envelope) {
    Request request;
    try {
      request = request(envelope);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<HttpResult> answer = new CompletableFuture<>();
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(new IOException("the sender is closed"));
      }
      inFlight.add(answer);
    }
    try {
      executor.execute(() -> run(request, answer));
    } catch (RejectedExecutionException e) { // closed meanwhile
      done(answer);
      answer.completeExceptionally(new IOException("the sender is closed"));
    }
    return answer;
  }

  private void run(Request request, CompletableFuture<HttpResult> answer) {
    if (answer.isDone()) {
      return; // cut by close before it started
    }
    HttpResult result = null;
    Throwable error = null;
    try {
      result = exchange(request);
    } catch (IOException | RuntimeException e) {
      error = e;
    } catch (Error e) {
      error = e; // an OutOfMemoryError: the sender counts it and goes on
    }
    done(answer);
    if (error == null) {
      answer.complete(result);
    } else {
      answer.completeExceptionally(error);
    }
  }

  private void done(CompletableFuture<HttpResult> answer) {
    synchronized (lock) {
      inFlight.remove(answer);
    }
  }

  /** The request's bytes: head and body in one array, the head right before the body. */
  private Request request(byte[] envelope) {
    byte[] bytes;
    int end;
    if (gzip != null) {
      int[] e = new int[1];
      bytes = gzip.compress(envelope, reserve, e);
      end = e[0];
    } else {
      bytes = new byte[reserve + envelope.length];
      System.arraycopy(envelope, 0, bytes, reserve, envelope.length);
      end = bytes.length;
    }
    byte[] length =
        (Integer.toString(end - reserve) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    int start = reserve - length.length - head.length;
    System.arraycopy(head, 0, bytes, start, head.length);
    System.arraycopy(length, 0, bytes, reserve - length.length, length.length);
    return new Request(bytes, start, end);
  }

  /** One request, retried once on a new connection when a pooled one turns out to be stale. */
  private HttpResult exchange(Request request) throws IOException {
    boolean fresh = false;
    while (true) {
      Connection c = acquire(fresh);
      Answer answer;
      try {
        answer = c.exchange(request);
      } catch (IOException | RuntimeException e) {
        discard(c);
        if (isClosed()) {
          throw new IOException(CLOSED_WHILE_SENDING);
        }
        if (!fresh && c.reused && !c.answerStarted && !(e instanceof SocketTimeoutException)) {
          fresh = true; // the server closed it while idle: the others are likely stale as well
          closeIdle();
          continue;
        }
        throw e;
      }
      release(c, answer.keepAlive);
      return answer.result;
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** A pooled connection still fresh enough, else a new one. */
  private Connection acquire(boolean forceNew) throws IOException {
    List<Connection> expired = null;
    synchronized (lock) {
      if (closed) {
        throw new IOException("the sender is closed");
      }
      long now = System.nanoTime();
      Connection c;
      while (!forceNew && (c = idle.pollFirst()) != null) {
        if (now - c.idleSince < idleNanos) {
          busy.add(c);
          c.reused = true;
          closeAll(expired);
          return c;
        }
        if (expired == null) {
          expired = new ArrayList<>();
        }
        expired.add(c); // the most recent one expired: so did all older ones
      }
    }
    closeAll(expired);
    Socket socket = new Socket();
    Connection c = new Connection(socket);
    synchronized (lock) {
      if (closed) {
        throw new IOException("the sender is closed");
      }
      busy.add(c); // close() cuts a connect in progress too
    }
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(endpoint.host, endpoint.port), connectMillis);
      c.open();
    } catch (IOException | RuntimeException e) {
      discard(c);
      if (isClosed()) {
        throw new IOException(CLOSED_WHILE_SENDING);
      }
      throw e;
    }
    opened.incrementAndGet();
    return c;
  }

  private void release(Connection c, boolean keepAlive) {
    synchronized (lock) {
      busy.remove(c);
      if (keepAlive && !closed && busy.size() + idle.size() < maxConnections) {
        c.idleSince = System.nanoTime();
        idle.addFirst(c);
        startReaper();
        return;
      }
    }
    c.close();
  }

  private void discard(Connection c) {
    synchronized (lock) {
      busy.remove(c);
    }
    c.close();
  }

  private void closeIdle() {
    List<Connection> stale;
    synchronized (lock) {
      stale = new ArrayList<>(idle);
      idle.clear();
    }
    closeAll(stale);
  }

  private static void closeAll(List<Connection> connections) {
    if (connections != null) {
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  /** Starts the task closing expired idle connections, unless it runs. Holds {@link #lock}. */
  private void startReaper() {
    if (reaping) {
      return;
    }
    reaping = true;
    try {
      executor.execute(this::reap);
    } catch (RejectedExecutionException e) {
      reaping = false;
    }
  }

  /** Closes idle connections as they expire; ends when none is left or at close. */
  private void reap() {
    List<Connection> expired = new ArrayList<>();
    try {
      while (true) {
        synchronized (lock) {
          Connection oldest = idle.peekLast();
          if (closed || oldest == null) {
            reaping = false;
            return;
          }
          long wait = oldest.idleSince + idleNanos - System.nanoTime();
          if (wait <= 0) {
            expired.add(idle.pollLast());
          } else if (expired.isEmpty()) {
            lock.wait(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
          }
        }
        for (Connection c : expired) {
          c.close(); // outside the lock
        }
        expired.clear();
      }
    } catch (InterruptedException | RuntimeException e) {
      synchronized (lock) {
        reaping = false;
      }
      closeAll(expired);
    }
  }

  /** Closes {@code c} if its write is still going at the deadline; {@code null} once closed. */
  private ScheduledFuture<?> watch(Connection c, long nanos) {
    ScheduledThreadPoolExecutor w;
    synchronized (lock) {
      if (closed) {
        return null;
      }
      if (watchdog == null) {
        watchdog = HttpThreads.timer("http-watchdog");
      }
      w = watchdog;
    }
    try {
      return w.schedule(c::writeTimedOut, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null; // closed meanwhile: close() cuts the write
    }
  }

  /** Connections opened so far (tests check the reuse). */
  int connectionsOpened() {
    return opened.get();
  }

  /** Connections open now, idle or busy (tests check the bound). */
  int connectionsOpen() {
    synchronized (lock) {
      return idle.size() + busy.size();
    }
  }

  /**
   * Connects a plain socket to Sentry's host and port and closes it at once (no request): {@code
   * true} when the connection is refused or cannot be made in time.
   */
  @Override
  public boolean refusesConnections(Duration timeout) {
    return endpoint.refusesConnections(timeout);
  }

  /**
   * Cuts every request in flight (their futures fail at once, their sockets are closed), closes the
   * pooled connections and ends the threads. Idempotent.
   */
  @Override
  public void close() {
    List<Connection> all;
    List<CompletableFuture<HttpResult>> answers;
    synchronized (lock) {
      closed = true;
      all = new ArrayList<>(idle);
      all.addAll(busy);
      idle.clear();
      busy.clear();
      answers = new ArrayList<>(inFlight);
      inFlight.clear();
      lock.notifyAll(); // the reaper ends
    }
    for (CompletableFuture<HttpResult> answer : answers) {
      answer.completeExceptionally(new IOException(CLOSED_WHILE_SENDING));
    }
    closeAll(all);
    executor.shutdownNow();
    ScheduledThreadPoolExecutor w;
    synchronized (lock) {
      w = watchdog;
    }
    if (w != null) {
      w.shutdownNow();
    }
    if (gzip != null) {
      gzip.end();
    }
  }

  /** A request's bytes: {@code bytes[start, end)}. */
  private static final class Request {
    final byte[] bytes;
    final int start;
    final int end;

    Request(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.start = start;
      this.end = end;
    }
  }

  /** An answer and whether its connection may carry another request. */
  private static final class Answer {
    final HttpResult result;
    final boolean keepAlive;

    Answer(HttpResult result, boolean keepAlive) {
      this.result = result;
      this.keepAlive = keepAlive;
    }
  }

  /** One socket and its read buffer; used by one request at a time. */
  private final class Connection {
    final Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    private long deadline; // 0: none
    private int headBytes;
    long idleSince;
    boolean reused;
    boolean answerStarted;
    private volatile boolean writeTimedOut;

    Connection(Socket socket) {
      this.socket = socket;
    }

    void open() throws IOException {
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    void writeTimedOut() {
      writeTimedOut = true;
      close();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException | RuntimeException e) {
        // closing anyway
      }
    }

    Answer exchange(Request request) throws IOException {
      answerStarted = false;
      pos = 0;
      lim = 0;
      headBytes = 0;
      int size = request.end - request.start;
      ScheduledFuture<?> cut =
          size > WATCHED_WRITE && readNanos != 0 ? watch(this, readNanos) : null;
      try {
        out.write(request.bytes, request.start, size);
        out.flush();
      } catch (IOException e) {
        if (writeTimedOut) {
          throw new SocketTimeoutException(
              "the request could not be written within the read timeout");
        }
        throw e;
      } finally {
        if (cut != null) {
          cut.cancel(false);
        }
      }
      deadline = readNanos == 0 ? 0 : System.nanoTime() + readNanos;
      int status;
      String retryAfter;
      String rateLimits;
      boolean keepAlive;
      long length;
      boolean chunked;
      do { // 1xx answers (never asked for) are skipped
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
          throw new IOException("not an HTTP/1.x answer");
        }
        status = parseStatus(statusLine);
        keepAlive = statusLine.charAt(7) != '0'; // HTTP/1.0: only if asked for
        retryAfter = null;
        rateLimits = null;
        length = -1;
        chunked = false;
        String header;
        while (!(header = line()).isEmpty()) {
          int colon = header.indexOf(':');
          if (colon <= 0) {
            continue;
          }
          String name = header.substring(0, colon).trim();
          String value = header.substring(colon + 1).trim();
          if (name.equalsIgnoreCase("Content-Length")) {
            length = parseLength(value);
          } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
            chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
          } else if (name.equalsIgnoreCase("Connection")) {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.contains("close")) {
              keepAlive = false;
            } else if (v.contains("keep-alive")) {
              keepAlive = true;
            }
          } else if (name.equalsIgnoreCase("Retry-After") && retryAfter == null) {
            retryAfter = value;
          } else if (name.equalsIgnoreCase("X-Sentry-Rate-Limits") && rateLimits == null) {
            rateLimits = value;
          }
        }
      } while (status >= 100 && status < 200);
      ByteArrayOutputStream kept = status >= 300 ? new ByteArrayOutputStream() : null;
      try {
        if (status == 204 || status == 304) {
          // no body
        } else if (chunked) {
          keepAlive &= chunkedBody(kept);
        } else if (length >= 0) {
          keepAlive &= body(length, kept);
        } else {
          body(-1, kept); // up to the close
          keepAlive = false;
        }
      } catch (IOException e) {
        if (status < 300 && status >= 200) {
          // Sentry stored it and said so; only the rest of its answer is late or cut
          return new Answer(new HttpResult(status, retryAfter, rateLimits), false);
        }
        if (status < 200) {
          throw e;
        }
        keepAlive = false; // an unreadable explanation must not turn a refusal into a retry
      }
      return new Answer(new HttpResult(status, retryAfter, rateLimits, text(kept)), keepAlive);
    }

    /** Reads a body of {@code length} bytes ({@code -1}: to the close); false if left unread. */
    private boolean body(long length, ByteArrayOutputStream kept) throws IOException {
      long left = length < 0 ? MAX_BODY_BYTES : Math.min(length, MAX_BODY_BYTES);
      while (left > 0) {
        if (pos == lim && !fill(length >= 0)) {
          return true; // the close ended it
        }
        int n = (int) Math.min(left, lim - pos);
        keep(kept, n);
        pos += n;
        left -= n;
      }
      return length >= 0 && length <= MAX_BODY_BYTES;
    }

    /** Reads a chunked body and its trailers; false if it was too long to read. */
    private boolean chunkedBody(ByteArrayOutputStream kept) throws IOException {
      long total = 0;
      while (true) {
        String sizeLine = line();
        int semicolon = sizeLine.indexOf(';');
        long size;
        try {
          size =
              Long.parseLong(
                  (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("a malformed chunk size");
        }
        if (size < 0) {
          throw new IOException("a malformed chunk size");
        }
        if (size == 0) {
          while (!line().isEmpty()) {
            // trailers: ignored
          }
          return true;
        }
        total += size;
        if (total > MAX_BODY_BYTES) {
          return false;
        }
        for (long left = size; left > 0; ) {
          if (pos == lim) {
            fill(true);
          }
          int n = (int) Math.min(left, lim - pos);
          keep(kept, n);
          pos += n;
          left -= n;
        }
        if (!line().isEmpty()) {
          throw new IOException("a chunk without its line end");
        }
      }
    }

    private void keep(ByteArrayOutputStream kept, int n) {
      if (kept != null && kept.size() < MAX_BODY_CHARS * 4) {
        kept.write(buf, pos, Math.min(n, MAX_BODY_CHARS * 4 - kept.size()));
      }
    }

    /** One header line without its line end (ISO-8859-1); the whole head is bounded. */
    private String line() throws IOException {
      StringBuilder line = null;
      while (true) {
        if (pos == lim) {
          fill(true);
        }
        int start = pos;
        while (pos < lim && buf[pos] != '\n') {
          pos++;
        }
        int n = pos - start;
        headBytes += n + 1;
        if (headBytes > MAX_HEAD_BYTES) {
          throw new IOException("an answer head over 64 KiB");
        }
        boolean complete = pos < lim;
        if (complete) {
          pos++; // the LF
        }
        if (complete && line == null) {
          int end = n > 0 && buf[start + n - 1] == '\r' ? n - 1 : n;
          return new String(buf, start, end, StandardCharsets.ISO_8859_1);
        }
        if (line == null) {
          line = new StringBuilder();
        }
        line.append(new String(buf, start, n, StandardCharsets.ISO_8859_1));
        if (complete) {
          int end = line.length();
          if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
          }
          return line.substring(0, end);
        }
      }
    }

    /**
     * Reads more into the buffer, waiting at most until the deadline.
     *
     * @param required whether the end of the stream is an error here
     * @return false at the end of the stream (only when not required)
     */
    private boolean fill(boolean required) throws IOException {
      if (deadline != 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException(TIMED_OUT);
        }
        socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      int n;
      try {
        n = in.read(buf, 0, buf.length);
      } catch (SocketTimeoutException e) {
        throw new SocketTimeoutException(TIMED_OUT);
      }
      if (n < 0) {
        if (required) {
          throw new EOFException(
              answerStarted
                  ? "the server closed the connection within its answer"
                  : "the server closed the connection without answering");
        }
        return false;
      }
      answerStarted = true;
      pos = 0;
      lim = n;
      return true;
    }
  }

  private static int parseStatus(String statusLine) throws IOException {
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = statusLine.charAt(i);
      if (c < '0' || c > '9') {
        throw new IOException("not an HTTP/1.x answer");
      }
      status = status * 10 + (c - '0');
    }
    return status;
  }

  private static long parseLength(String value) throws IOException {
    try {
      long length = Long.parseLong(value);
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IOException("a malformed Content-Length");
  }

  /** The start of a refusal's body, decoded leniently, or {@code null}. */
  private static String text(ByteArrayOutputStream kept) {
    if (kept == null || kept.size() == 0) {
      return null;
    }
    String all = new String(kept.toByteArray(), StandardCharsets.UTF_8);
    return all.length() > MAX_BODY_CHARS ? all.substring(0, MAX_BODY_CHARS) : all;
  }
}
