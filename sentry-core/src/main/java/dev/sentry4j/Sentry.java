package dev.sentry4j;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Hint;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.event.User;
import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.internal.client.NoOpSentryClient;
import dev.sentry4j.internal.integrations.UncaughtExceptionHandlerIntegration;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.internal.scope.Scopes;
import dev.sentry4j.internal.tracing.TracedCall;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The SDK's entry point: the Java face of Python's {@code sentry_sdk} top-level API. Every method
 * is static, thread-safe and, but for {@code init}, never throws. Before {@code init} (or without a
 * DSN) the calls are cheap no-ops.
 *
 * <pre>{@code
 * Sentry.init(options -> {
 *   options.setDsn("https://key@o1.ingest.sentry.io/42");
 *   options.setRelease("shop@1.4.2");
 * });
 * Sentry.setTag("tenant", "acme");
 * try (ScopeToken ignored = Sentry.newScope()) {
 *   Sentry.setTag("color", "green");
 *   Sentry.captureMessage("hello");       // carries color=green
 * }
 * try { checkout(); } catch (Exception e) { Sentry.captureException(e); }
 * Sentry.close();
 * }</pre>
 *
 * <p>Tracing: {@link #continueTrace} or {@link #startTransaction} start a transaction, {@link
 * #startSpan} adds children, and {@link #getTraceparent()} and {@link #getBaggage()} give the
 * headers for outgoing requests:
 *
 * <pre>{@code
 * try (Transaction tx = Sentry.continueTrace(request.headers(), "http.server", "GET /orders/{id}")) {
 *   try (Span db = Sentry.startSpan("db.query", "select * from orders")) { ... }
 *   outgoing.header("sentry-trace", Sentry.getTraceparent());
 *   outgoing.header("baggage", Sentry.getBaggage());
 * }
 * }</pre>
 *
 * <p>{@code setTag}, {@code setUser}, {@code setContext}, {@code setExtra}, {@code setLevel} and
 * {@code addBreadcrumb} write to the isolation scope (inside {@link #newScope()}, the setters write
 * to the block's fork); captures merge global, isolation and current scope data into the event, the
 * more specific winning.
 */
public final class Sentry {
  /** Clients closing in the background (see {@link #awaitBackgroundClose}). */
  private static final java.util.Set<Thread> CLOSERS =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final Object LIFECYCLE = new Object();
  private static Thread shutdownHook; // guarded by LIFECYCLE

  private Sentry() {}

  // ---------------------------------------------------------------- client management

  /**
   * Initializes the SDK from {@code sentry.properties}, the environment and system properties, then
   * {@code configuration}. Replaces (and closes) a client installed before.
   *
   * @throws IllegalArgumentException naming the option and value when the configuration is invalid
   */
  public static void init(Consumer<SentryOptions.Builder> configuration) {
    SentryOptions.Builder builder = SentryOptions.fromEnvironment();
    if (configuration != null) {
      configuration.accept(builder);
    }
    init(builder.build());
  }

  /** Initializes the SDK with a DSN (other options from the environment). */
  public static void init(String dsn) {
    init(options -> options.setDsn(dsn));
  }

  /** Initializes the SDK from {@code sentry.properties}, the environment and system properties. */
  public static void init() {
    init((Consumer<SentryOptions.Builder>) null);
  }

  /** Initializes the SDK with ready options. */
  public static void init(SentryOptions options) {
    Diagnostics.setDebug(options.isDebug());
    SentryClient client =
        options.isEnabled() ? DefaultSentryClient.create(options) : NoOpSentryClient.INSTANCE;
    install(client);
    if (!options.isEnabled()) {
      Diagnostics.info(options.getDisabledReason());
    } else {
      Diagnostics.info("Sentry initialized for " + options.getDsn().getEnvelopeUri());
      if (options.isEnableUncaughtExceptionHandler()) {
        UncaughtExceptionHandlerIntegration.install();
      }
    }
    ScopeStorage.current(); // the calling thread's trace, shown to span listeners (MDC) at once
  }

  /** Installs a client on the global scope (tests and adapters with their own transport). */
  public static void install(SentryClient client) {
    SentryClient previous;
    Thread previousHook;
    synchronized (LIFECYCLE) {
      previous = ScopeStorage.bindClient(client);
      previousHook = shutdownHook;
      shutdownHook = null; // stays registered until the previous client is closed
      registerShutdownHook(client);
    }
    closeLater(previous == client ? null : previous, previousHook);
  }

  /**
   * Like {@link #close()}, but returns at once: the SDK is disabled and its scope data forgotten
   * now, and the client finishes on an SDK thread — it sends what waits within the {@code
   * flushTimeout} option (or puts it on disk at once when Sentry is known unreachable), then closes
   * within {@code shutdownTimeout}. That thread does not hold the JVM's exit: at exit, the SDK's
   * shutdown hook closes the client within {@code shutdownTimeout} (what is not sent by then stays
   * on disk). For integrations whose stop must not block (a logging framework reloading its
   * configuration) and for applications that do not want to wait.
   */
  public static void closeInBackground() {
    SentryClient client;
    Thread hook;
    synchronized (LIFECYCLE) {
      client = ScopeStorage.bindClient(null);
      hook = shutdownHook;
      shutdownHook = null; // stays registered until the client is closed: exit waits for it
      ScopeStorage.reset();
    }
    closeLater(client, hook);
  }

  /**
   * Waits until the clients closed in the background ({@link #closeInBackground()}, a logging
   * framework's stop, a replaced client) have sent what they held and closed, at most {@code
   * timeout}. For short programs that stop their logging framework and want its events sent before
   * they print or exit; servers need not call it.
   *
   * @return whether every background close finished in time
   */
  public static boolean awaitBackgroundClose(Duration timeout) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    for (Thread closer : CLOSERS) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        closer.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return CLOSERS.isEmpty();
  }

  /** Flushes and closes {@code client} on a daemon SDK thread, then removes its hook. */
  private static void closeLater(SentryClient client, Thread hook) {
    if (client == null || !client.isEnabled()) {
      removeShutdownHook(hook);
      return;
    }
    Thread closer =
        new SdkThread(
            () -> {
              try {
                client.flush(client.getOptions().getFlushTimeout());
                client.close(client.getOptions().getShutdownTimeout());
              } finally {
                removeShutdownHook(hook);
                CLOSERS.remove(Thread.currentThread());
              }
            },
            "closer");
    CLOSERS.add(closer);
    // A daemon: it must not hold the exit. When the JVM exits, the client's shutdown hook (kept
    // registered until the closer is done) closes it within shutdownTimeout, saving what is left.
    closer.start();
  }

  private static void registerShutdownHook(SentryClient client) {
    removeShutdownHook();
    if (!client.isEnabled()) {
      return;
    }
    Thread hook =
        new SdkThread(
            () -> client.close(client.getOptions().getShutdownTimeout()), "shutdown-hook");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      shutdownHook = hook;
    } catch (IllegalStateException | SecurityException e) {
      Diagnostics.debug("Shutdown hook not registered: " + e);
    }
  }

  private static void removeShutdownHook() {
    Thread hook = shutdownHook;
    shutdownHook = null;
    removeShutdownHook(hook);
  }

  private static void removeShutdownHook(Thread hook) {
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | SecurityException e) {
        // the JVM is already shutting down: the hook runs anyway
      }
    }
  }

  /** Whether a client that sends is installed. */
  public static boolean isInitialized() {
    return getClient().isEnabled();
  }

  /** The active client: current, isolation, then global scope's; a no-op client before init. */
  public static SentryClient getClient() {
    return ScopeStorage.current().getClient();
  }

  /** Waits up to the {@code flushTimeout} option for everything captured to be sent. */
  public static boolean flush() {
    SentryClient client = getClient();
    return client.flush(client.getOptions().getFlushTimeout());
  }

  /** Waits up to {@code timeout} for everything captured to be sent; the SDK stays usable. */
  public static boolean flush(Duration timeout) {
    return getClient().flush(timeout);
  }

  /**
   * Flushes within the {@code shutdownTimeout} option, then disables the SDK and forgets all scope
   * data; a later {@code init} starts afresh.
   */
  public static void close() {
    SentryClient client;
    synchronized (LIFECYCLE) {
      client = ScopeStorage.bindClient(null);
      removeShutdownHook();
      UncaughtExceptionHandlerIntegration.uninstall();
      ScopeStorage.reset();
    }
    if (client != null) {
      client.close(client.getOptions().getShutdownTimeout());
    }
  }

  // ---------------------------------------------------------------- capturing

  /** Captures a ready-made event (copied); returns its id or {@link SentryId#EMPTY}. */
  public static SentryId captureEvent(Event event) {
    return scopes().captureEvent(event, null, null);
  }

  /** Captures an event with a hint for callbacks. */
  public static SentryId captureEvent(Event event, Hint hint) {
    return scopes().captureEvent(event, hint, null);
  }

  /** Captures an event, changing a fork of the current scope for this capture only. */
  public static SentryId captureEvent(Event event, Consumer<Scope> scope) {
    return scopes().captureEvent(event, null, scope);
  }

  /** Captures an event with a hint and a scope callback. */
  public static SentryId captureEvent(Event event, Hint hint, Consumer<Scope> scope) {
    return scopes().captureEvent(event, hint, scope);
  }

  /** Captures an exception as an error event with its causes and suppressed exceptions. */
  public static SentryId captureException(Throwable throwable) {
    return scopes().captureException(throwable, null, null);
  }

  /** Captures an exception with a hint for callbacks. */
  public static SentryId captureException(Throwable throwable, Hint hint) {
    return scopes().captureException(throwable, hint, null);
  }

  /** Captures an exception, changing a fork of the current scope for this capture only. */
  public static SentryId captureException(Throwable throwable, Consumer<Scope> scope) {
    return scopes().captureException(throwable, null, scope);
  }

  /** Captures an exception with a hint and a scope callback. */
  public static SentryId captureException(Throwable throwable, Hint hint, Consumer<Scope> scope) {
    return scopes().captureException(throwable, hint, scope);
  }

  /** Captures a message at the scope's level, else info. */
  public static SentryId captureMessage(String message) {
    return scopes().captureMessage(message, null, null);
  }

  /** Captures a message at a level. */
  public static SentryId captureMessage(String message, Level level) {
    return scopes().captureMessage(message, level, null);
  }

  /** Captures a message, changing a fork of the current scope for this capture only. */
  public static SentryId captureMessage(String message, Consumer<Scope> scope) {
    return scopes().captureMessage(message, null, scope);
  }

  /** Captures a message at a level with a scope callback. */
  public static SentryId captureMessage(String message, Level level, Consumer<Scope> scope) {
    return scopes().captureMessage(message, level, scope);
  }

  // ---------------------------------------------------------------- Sentry Logs

  /**
   * The Sentry Logs API (needs the {@code enableLogs} option; otherwise a cheap no-op).
   *
   * <pre>{@code
   * Sentry.logger().info("order %s shipped", id);
   * Sentry.logger().atWarn().attribute("order", 7).log("payment slow: %d ms", ms);
   * }</pre>
   */
  public static SentryLogger logger() {
    return SentryLogger.instance();
  }

  // ---------------------------------------------------------------- enriching

  /** Adds a breadcrumb to the isolation scope (after {@code beforeBreadcrumb}). */
  public static void addBreadcrumb(Breadcrumb breadcrumb) {
    scopes().addBreadcrumb(breadcrumb, null);
  }

  /** Adds a breadcrumb with a hint for {@code beforeBreadcrumb}. */
  public static void addBreadcrumb(Breadcrumb breadcrumb, Hint hint) {
    scopes().addBreadcrumb(breadcrumb, hint);
  }

  /** Adds an info breadcrumb with a message. */
  public static void addBreadcrumb(String message) {
    scopes().addBreadcrumb(Breadcrumb.of(message), null);
  }

  /** Sets a context (isolation scope, or the {@link #newScope()} fork); {@code null} removes it. */
  public static void setContext(String name, Map<String, ?> value) {
    scopes().getScopeForSetters().setContext(name, value);
  }

  /** Sets an extra (isolation scope, or the {@link #newScope()} fork); {@code null} removes it. */
  public static void setExtra(String key, Object value) {
    scopes().getScopeForSetters().setExtra(key, value);
  }

  /** Sets the level of events captured without one; {@code null} removes it. */
  public static void setLevel(Level level) {
    scopes().getScopeForSetters().setLevel(level);
  }

  /** Sets a tag (isolation scope, or the {@link #newScope()} fork); {@code null} removes it. */
  public static void setTag(String key, String value) {
    scopes().getScopeForSetters().setTag(key, value);
  }

  /** Removes a tag (isolation scope, or the {@link #newScope()} fork). */
  public static void removeTag(String key) {
    scopes().getScopeForSetters().removeTag(key);
  }

  /** Sets the user (isolation scope, or the {@link #newScope()} fork); {@code null} removes it. */
  public static void setUser(User user) {
    scopes().getScopeForSetters().setUser(user);
  }

  // ---------------------------------------------------------------- tracing

  /**
   * Starts a transaction heading a new trace and makes it the current span until it is closed.
   *
   * <pre>{@code
   * try (Transaction tx = Sentry.startTransaction("nightly-report", "task")) {
   *   try (Span step = Sentry.startSpan("db.query", "select ...")) { ... }
   * }   // sent with its finished child spans
   * }</pre>
   *
   * <p>Whether it is recorded is decided here (head sampling): an explicit decision in the options,
   * else {@code tracesSampler}, else {@code tracesSampleRate}. Not sampled, it is a no-op that
   * still carries its trace (outgoing headers say so); before {@code init} or with tracing off
   * (neither option set) it is a shared no-op with all-zero ids that is not made current. It heads
   * a new trace even while another span is current (use {@link #startSpan} for children); to
   * continue an upstream service's trace use {@link #continueTrace}. Never throws.
   *
   * @param name the transaction name, e.g. {@code GET /orders/{id}}
   * @param operation the operation, e.g. {@code http.server} or {@code task}
   */
  public static Transaction startTransaction(String name, String operation) {
    return scopes().startTransaction(name, operation, null);
  }

  /**
   * Starts a transaction with options: the name's source, a custom sampling context, a start time,
   * whether to make it current (default yes), an explicit sampling decision.
   */
  public static Transaction startTransaction(
      String name, String operation, TransactionOptions options) {
    return scopes().startTransaction(name, operation, options);
  }

  /**
   * Runs {@code callable} in a new span (a child of the current span, as {@link #startSpan(String,
   * String)} makes) and returns its result. Unlike try-with-resources, it sees how the code ended:
   * an exception or error sets the span's status to {@code internal_error} (unless the code set
   * another one), finishes the span and is re-thrown unchanged. Python's {@code with
   * sentry_sdk.start_span(...)} and {@code @sentry_sdk.trace} behave so.
   *
   * <pre>{@code
   * Order order = Sentry.trace("db.query", "select order", () -> repository.load(id));
   * }</pre>
   *
   * <p>{@code try (Span span = Sentry.startSpan(...)) { ... }} cannot see an exception that leaves
   * the block ({@code close()} is called the same way in both cases): there the span's status is
   * what you set, else {@code ok}. Use this method, or catch and {@code span.setStatus(...)}
   * yourself, when failures should show in the trace.
   *
   * @param operation the operation, e.g. {@code db.query}
   * @param description what the span does, or {@code null}
   * @param callable the code to run
   * @return what {@code callable} returned
   * @throws Exception what {@code callable} threw, unchanged
   */
  public static <T> T trace(String operation, String description, Callable<T> callable)
      throws Exception {
    return TracedCall.call(startSpan(operation, description), callable);
  }

  /**
   * Runs {@code runnable} in a new span; an exception or error leaving it sets the span's status to
   * {@code internal_error} and is re-thrown. See {@link #trace(String, String, Callable)}.
   */
  public static void trace(String operation, String description, Runnable runnable) {
    TracedCall.run(startSpan(operation, description), runnable);
  }

  /**
   * Starts a child of the current span and makes it current until it is closed. With no current
   * span it belongs to no transaction and is never sent (while current, it keeps errors and headers
   * on the scope's trace). Never throws.
   *
   * @param operation the operation, e.g. {@code db.query}
   */
  public static Span startSpan(String operation) {
    return scopes().startSpan(operation, null);
  }

  /**
   * Starts a child of the current span with a description (e.g. the query) and makes it current.
   */
  public static Span startSpan(String operation, String description) {
    return scopes().startSpan(operation, description);
  }

  /**
   * The calling thread's current span, or {@code null} when there is none (a plain nullable value
   * rather than an {@code Optional}: it is read on hot paths such as log appenders).
   */
  public static Span getCurrentSpan() {
    return scopes().getSpan();
  }

  /**
   * Continues the trace of an incoming request and starts a transaction in it, made current until
   * closed.
   *
   * <pre>{@code
   * try (Transaction tx = Sentry.continueTrace(request.headers(), "http.server", "GET /orders/{id}")) {
   *   ...
   * }
   * }</pre>
   *
   * <p>Reads {@code sentry-trace} (else W3C {@code traceparent}) and {@code baggage}; header names
   * in any case. The propagation context of the calling thread's scope (the isolation scope's,
   * unless the current scope has its own) is replaced by the incoming trace, so errors and outgoing
   * requests carry it even when tracing is off; the upstream sampling decision is inherited and
   * Sentry's baggage members are kept unchanged (other vendors' members are not forwarded). Missing
   * or malformed headers (or another organization's trace) start a new trace. Never throws.
   *
   * @param headers header names to values; may be {@code null}
   * @param operation the operation, e.g. {@code http.server}
   * @param name the transaction name
   */
  public static Transaction continueTrace(
      Map<String, String> headers, String operation, String name) {
    return scopes().continueTrace(headers, operation, name, null);
  }

  /**
   * Like {@link #continueTrace(Map, String, String)}, with transaction options (e.g. the source).
   */
  public static Transaction continueTrace(
      Map<String, String> headers, String operation, String name, TransactionOptions options) {
    return scopes().continueTrace(headers, operation, name, options);
  }

  /**
   * The {@code sentry-trace} header value for an outgoing request, from the current span, else from
   * the scope's propagation context (so it works with tracing off and before {@code init}).
   */
  public static String getTraceparent() {
    return scopes().getTraceparent();
  }

  /** The W3C {@code traceparent} header value, like {@link #getTraceparent()}. */
  public static String getW3CTraceparent() {
    return scopes().getW3CTraceparent();
  }

  /**
   * The {@code baggage} header value for an outgoing request: Sentry's members (the Dynamic
   * Sampling Context), which freezes it for the trace. To keep members the request already has, use
   * {@link #getBaggage(String)}.
   */
  public static String getBaggage() {
    return scopes().getBaggage();
  }

  /**
   * An outgoing {@code baggage} header: {@code existingBaggage}'s own members unchanged, then
   * Sentry's (within the W3C limits of 64 members and 8192 bytes).
   */
  public static String getBaggage(String existingBaggage) {
    return scopes().getBaggage(existingBaggage);
  }

  /**
   * The trace headers for an outgoing request to {@code url} ({@code sentry-trace}, {@code baggage}
   * merged with {@code existingBaggage}, and {@code traceparent} with {@code
   * propagateTraceparent}), or an empty map when {@code url} matches no {@code
   * tracePropagationTargets}. For HTTP client integrations.
   */
  public static Map<String, String> getTraceHeaders(String url, String existingBaggage) {
    return scopes().getTraceHeaders(url, existingBaggage);
  }

  // ---------------------------------------------------------------- scopes

  /** The calling thread's scopes. */
  static Scopes scopes() {
    return ScopeStorage.current();
  }

  /** The process's global scope. */
  public static Scope getGlobalScope() {
    return ScopeStorage.globalScope();
  }

  /** The calling thread's isolation scope. */
  public static Scope getIsolationScope() {
    return scopes().getIsolationScope();
  }

  /** The calling thread's current scope. */
  public static Scope getCurrentScope() {
    return scopes().getCurrentScope();
  }

  /**
   * Forks the current scope and makes the fork current until the token is closed.
   *
   * <pre>{@code
   * try (ScopeToken ignored = Sentry.newScope()) { Sentry.setTag("k", "v"); ... }
   * }</pre>
   *
   * <p>While the block is open, the static setters ({@code setTag}, {@code setUser}, {@code
   * setContext}, {@code setExtra}, {@code setLevel}) write to the fork, so their values end with
   * the block; breadcrumbs still go to the isolation scope, so the trail of what happened is kept.
   */
  public static ScopeToken newScope() {
    return ScopeStorage.push(scopes().forkCurrentForSetters());
  }

  /** Runs {@code callback} with a forked current scope, then restores the previous one. */
  public static void newScope(Consumer<Scope> callback) {
    try (ScopeToken ignored = newScope()) {
      callback.accept(getCurrentScope());
    }
  }

  /** Like {@link #newScope(Consumer)}: runs {@code callback} in a forked scope. */
  public static void withScope(Consumer<Scope> callback) {
    newScope(callback);
  }

  /**
   * Forks the isolation scope (and the current one), with a new trace, until the token is closed —
   * what an integration does per request or job.
   */
  public static ScopeToken newIsolationScope() {
    return ScopeStorage.push(scopes().forkIsolation());
  }

  /**
   * Deprecated shim of Python's {@code push_scope}: same as {@link #newScope()}.
   *
   * @deprecated use {@link #newScope()}
   */
  @Deprecated
  public static ScopeToken pushScope() {
    return newScope();
  }

  /**
   * Deprecated shim of Python's {@code push_scope(callback)}: same as {@link #newScope(Consumer)}.
   *
   * @deprecated use {@link #newScope(Consumer)}
   */
  @Deprecated
  public static void pushScope(Consumer<Scope> callback) {
    newScope(callback);
  }

  /**
   * Deprecated shim of Python's {@code configure_scope}: runs {@code callback} with the isolation
   * scope, where the static setters write.
   *
   * @deprecated use the static setters or {@link #getIsolationScope()}
   */
  @Deprecated
  public static void configureScope(Consumer<Scope> callback) {
    try {
      callback.accept(getIsolationScope());
    } catch (RuntimeException e) {
      Diagnostics.error("configureScope", "A configureScope callback threw; ignored", e);
    }
  }
}
