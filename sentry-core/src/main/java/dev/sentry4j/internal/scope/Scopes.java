package dev.sentry4j.internal.scope;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Hint;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.Message;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.internal.client.NoOpSentryClient;
import dev.sentry4j.internal.tracing.Baggage;
import dev.sentry4j.internal.tracing.BindableSpan;
import dev.sentry4j.internal.tracing.DynamicSamplingContexts;
import dev.sentry4j.internal.tracing.PropagationTargets;
import dev.sentry4j.internal.tracing.SentrySpan;
import dev.sentry4j.internal.tracing.SentryTransaction;
import dev.sentry4j.internal.tracing.TraceHeaders;
import dev.sentry4j.internal.tracing.TracePropagation;
import dev.sentry4j.internal.tracing.TracingScopes;
import dev.sentry4j.internal.tracing.Transactions;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The three scopes in force at one point of a program — global, isolation and current — and the
 * capture, tracing and propagation calls that use them. {@code Sentry}'s static methods delegate to
 * the calling thread's instance; tests can build their own. Immutable (the scopes it holds are
 * thread-safe); capture and tracing methods never throw.
 *
 * <p>Making a span current pushes a fork of these scopes, holding the span, onto the <em>calling
 * thread's</em> {@link ScopeStorage} stack, whichever instance the call was made on; finishing or
 * closing the span on that thread pops it again.
 */
public final class Scopes implements TracingScopes {
  private final Scope global;
  private final Scope isolation;
  private final Scope current;
  private final boolean settersOnCurrent;
  private final AtomicReference<SentryClient> client;

  /**
   * Combines three scopes; the static setters write to the isolation scope.
   *
   * @param global the process-wide scope
   * @param isolation the request's or thread's scope
   * @param current the innermost scope
   */
  public Scopes(Scope global, Scope isolation, Scope current) {
    this(global, isolation, current, false, ScopeStorage.CLIENT);
  }

  private Scopes(
      Scope global,
      Scope isolation,
      Scope current,
      boolean settersOnCurrent,
      AtomicReference<SentryClient> client) {
    this.client = client;
    this.global = global;
    this.isolation = isolation;
    this.current = current;
    this.settersOnCurrent = settersOnCurrent;
  }

  /** Fresh isolation and current scopes over {@code global}, as a new thread gets. */
  public static Scopes forThread(Scope global) {
    return new Scopes(global, new Scope(Scope.Kind.ISOLATION), new Scope(Scope.Kind.CURRENT));
  }

  /**
   * Fresh isolation and current scopes over {@code global} that capture with {@code client} instead
   * of the client installed process-wide (tests that play two services in one JVM).
   */
  public static Scopes forThread(Scope global, SentryClient client) {
    return new Scopes(
        global,
        new Scope(Scope.Kind.ISOLATION),
        new Scope(Scope.Kind.CURRENT),
        false,
        new AtomicReference<>(client));
  }

  /** The global scope. */
  public Scope getGlobalScope() {
    return global;
  }

  /** The isolation scope, where {@code Sentry.setTag} and friends write. */
  public Scope getIsolationScope() {
    return isolation;
  }

  /** The current scope. */
  public Scope getCurrentScope() {
    return current;
  }

  /**
   * The scope that {@code Sentry.setTag}, {@code setUser}, {@code setContext}, {@code setExtra} and
   * {@code setLevel} write to: the isolation scope, or inside {@code Sentry.newScope()} the forked
   * current scope, so that those writes end with the block.
   */
  public Scope getScopeForSetters() {
    return settersOnCurrent ? current : isolation;
  }

  /**
   * The same scopes with the current one forked (spans do this); setters keep their target kind.
   */
  public Scopes forkCurrent() {
    return new Scopes(global, isolation, current.fork(), settersOnCurrent, client);
  }

  /** The same scopes with the current one forked and the static setters writing to the fork. */
  public Scopes forkCurrentForSetters() {
    return new Scopes(global, isolation, current.fork(), true, client);
  }

  /** New isolation and current scopes forked from these, with a new trace, as a request gets. */
  public Scopes forkIsolation() {
    Scope newIsolation = isolation.fork();
    newIsolation.setPropagationContext(PropagationContext.newTrace());
    Scope newCurrent = current.fork();
    newCurrent.setPropagationContext(null);
    newCurrent.setSpan(null);
    newCurrent.setTransaction(null);
    return new Scopes(global, newIsolation, newCurrent, false, client);
  }

  /** The client these scopes capture with (the installed one), else a no-op client; never null. */
  public SentryClient getClient() {
    SentryClient c = client.get();
    return c != null ? c : NoOpSentryClient.INSTANCE;
  }

  /** Whether a client that sends is bound. */
  public boolean isEnabled() {
    return getClient().isEnabled();
  }

  /** The span current here, or {@code null}. */
  public Span getSpan() {
    return current.getSpan();
  }

  /** The propagation context: current's, else isolation's, else global's. */
  public PropagationContext getPropagationContext() {
    PropagationContext p = current.getPropagationContext();
    if (p == null) {
      p = isolation.getPropagationContext();
    }
    if (p == null) {
      p = global.getPropagationContext();
    }
    return p;
  }

  /**
   * The trace of something captured here: the current span's (with its operation and status), else
   * the propagation context's.
   */
  public TraceContext getTraceContext() {
    Span span = getSpan();
    return span != null ? span.toTraceContext() : getPropagationContext().toTraceContext();
  }

  /**
   * Captures an event.
   *
   * @param event the event (copied; your object is not changed)
   * @param hint extra information for callbacks, or {@code null}
   * @param scopeCallback changes a fork of the current scope for this capture only, or {@code null}
   */
  public SentryId captureEvent(Event event, Hint hint, Consumer<Scope> scopeCallback) {
    if (event == null) {
      return SentryId.EMPTY;
    }
    SentryClient client = getClient();
    if (!client.isEnabled()) {
      return SentryId.EMPTY;
    }
    return capture(client, event.copy(), hint, scopeCallback);
  }

  /** Captures an exception as an error event (mechanism {@code generic}). */
  public SentryId captureException(Throwable throwable, Hint hint, Consumer<Scope> scopeCallback) {
    SentryClient client = getClient();
    if (throwable == null || !client.isEnabled()) {
      return SentryId.EMPTY;
    }
    Event event = new Event();
    event.setThrowable(throwable);
    event.setMechanismType("generic");
    return capture(client, event, hint, scopeCallback);
  }

  /** Captures a message; a {@code null} level lets the scope decide, else info. */
  public SentryId captureMessage(String message, Level level, Consumer<Scope> scopeCallback) {
    SentryClient client = getClient();
    if (message == null || !client.isEnabled()) {
      return SentryId.EMPTY;
    }
    Event event = new Event();
    event.setMessage(Message.of(message));
    event.setLevel(level);
    if (client.getOptions().isAttachStacktrace()) {
      event.setSyntheticStack(new Throwable("stack"));
    }
    return capture(client, event, null, scopeCallback);
  }

  private SentryId capture(
      SentryClient client, Event event, Hint hint, Consumer<Scope> scopeCallback) {
    Scopes scopes = this;
    if (scopeCallback != null) {
      scopes = forkCurrent();
      try {
        scopeCallback.accept(scopes.current);
      } catch (RuntimeException e) {
        Diagnostics.error("scopeCallback", "A capture's scope callback threw; ignored", e);
      }
    }
    return client.captureEvent(event, hint, scopes);
  }

  /**
   * Adds a breadcrumb to the isolation scope, after {@code beforeBreadcrumb}. Without a client that
   * sends, nothing is stored.
   */
  public void addBreadcrumb(Breadcrumb breadcrumb, Hint hint) {
    SentryClient client = getClient();
    if (breadcrumb == null || !client.isEnabled()) {
      return;
    }
    addBreadcrumb(breadcrumb, hint, client.getOptions());
  }

  /**
   * {@link #addBreadcrumb(Breadcrumb, Hint)} for a caller that has just read {@link #getClient()}
   * and found it enabled (the logging adapters' hot path: one client read per line).
   *
   * @param options that client's options
   */
  public void addBreadcrumb(Breadcrumb breadcrumb, Hint hint, SentryOptions options) {
    if (breadcrumb == null) {
      return;
    }
    Breadcrumb crumb = breadcrumb;
    SentryOptions.BeforeBreadcrumbCallback before = options.getBeforeBreadcrumb();
    if (before != null) {
      try {
        crumb = before.execute(breadcrumb, hint == null ? new Hint() : hint);
      } catch (RuntimeException e) {
        Diagnostics.error("beforeBreadcrumb", "beforeBreadcrumb threw; breadcrumb kept", e);
      }
    }
    if (crumb != null) {
      isolation.addBreadcrumb(crumb, options.getMaxBreadcrumbs());
    }
  }

  // ---------------------------------------------------------------- tracing

  /**
   * Starts a transaction heading a new trace (see {@code Sentry.startTransaction}); with {@code
   * bindToScope} (the default) it becomes the current span until it is finished or closed.
   *
   * @return the transaction; an unsampled one, which carries its trace but is not sent, when not
   *     sampled or tracing is not configured; {@link SentryTransaction#NOOP} when no client sends
   */
  public Transaction startTransaction(String name, String operation, TransactionOptions options) {
    try {
      SentryClient client = getClient();
      if (!client.isEnabled()) {
        return SentryTransaction.NOOP;
      }
      // with tracing not configured this is a real, unsampled transaction: it becomes current and
      // carries its trace to log lines, errors and outgoing headers, but is never sent
      TransactionOptions o = options == null ? TransactionOptions.DEFAULTS : options;
      Transaction tx = Transactions.start(client.getOptions(), this, name, operation, o, null);
      if (o.isBindToScope()) {
        bind((BindableSpan) tx, tx);
      }
      return tx;
    } catch (RuntimeException e) {
      Diagnostics.error(
          "startTransaction", "Could not start a transaction; a no-op one is used", e);
      return SentryTransaction.NOOP;
    }
  }

  /**
   * Starts a span as a child of the current span and makes it current until it is finished or
   * closed. With no current span (and tracing on) the span belongs to no transaction: it is never
   * sent, but while current it puts errors and outgoing headers on the scope's trace.
   *
   * @return the span; {@code SentrySpan.NOOP} when there is no current span and no client sends or
   *     tracing is off
   */
  public Span startSpan(String operation, String description) {
    try {
      Span parent = getSpan();
      Span span;
      if (parent != null) {
        span = parent.startChild(operation, description);
      } else {
        SentryClient client = getClient();
        if (!client.isEnabled() || !client.getOptions().isTracingEnabled()) {
          return SentrySpan.NOOP;
        }
        span = SentrySpan.standalone(getPropagationContext(), operation);
      }
      if (span instanceof BindableSpan && span != SentrySpan.NOOP) {
        bind((BindableSpan) span, null);
      }
      return span;
    } catch (RuntimeException e) {
      Diagnostics.error("startSpan", "Could not start a span; a no-op one is used", e);
      return SentrySpan.NOOP;
    }
  }

  /** {@link #startTransaction(String, String, TransactionOptions)} with the default options. */
  public Transaction startTransaction(String name, String operation) {
    return startTransaction(name, operation, null);
  }

  /** {@link #startSpan(String, String)} without a description. */
  public Span startSpan(String operation) {
    return startSpan(operation, null);
  }

  /** {@link #continueTrace(Map, String, String, TransactionOptions)} with the default options. */
  public Transaction continueTrace(Map<String, String> headers, String operation, String name) {
    return continueTrace(headers, operation, name, null);
  }

  /** Makes {@code span} current on the calling thread until it finishes there. */
  private void bind(BindableSpan span, Transaction transaction) {
    Scopes forked = forkCurrent();
    forked.current.setSpan(span);
    if (transaction != null) {
      forked.current.setTransaction(transaction);
      forked.current.setTransactionName(transaction.getName(), transaction.getSource());
    }
    ScopeToken token = ScopeStorage.push(forked);
    span.bind(token, forked);
  }

  /**
   * Continues the trace of an incoming request: replaces the propagation context (of the current
   * scope if it has its own, else of the isolation scope) with the one read from {@code headers},
   * then starts a transaction on it (see {@code Sentry.continueTrace}). Never throws; malformed or
   * missing headers start a new trace. With tracing off the returned transaction carries the
   * continued trace's ids and decision and is made current (unless {@code bindToScope} is off), but
   * is never sent; with no client it is not made current.
   *
   * @param headers header names (any case) to values: {@code sentry-trace}, {@code traceparent},
   *     {@code baggage}; may be {@code null}
   */
  public Transaction continueTrace(
      Map<String, String> headers, String operation, String name, TransactionOptions options) {
    SentryClient client = getClient();
    PropagationContext continued = TracePropagation.fromHeaders(headers, client.getOptions());
    Scope target = current.getPropagationContext() != null ? current : isolation;
    target.setPropagationContext(continued);
    try {
      TransactionOptions o = options == null ? TransactionOptions.DEFAULTS : options;
      Transaction tx;
      if (!client.isEnabled()) {
        ScopeStorage.propagationChanged(this);
        return SentryTransaction.forPropagation(continued, name, operation);
      } else if (!client.getOptions().isTracingEnabled()) {
        // as startTransaction: current, so that log lines and errors carry it; never sent. It
        // passes on the upstream decision (with tracing off no decision is made here)
        tx = SentryTransaction.forPropagation(continued, name, operation);
      } else {
        tx = Transactions.start(client.getOptions(), this, name, operation, o, continued);
      }
      if (o.isBindToScope()) {
        bind((BindableSpan) tx, tx);
      } else {
        ScopeStorage.propagationChanged(this);
      }
      return tx;
    } catch (RuntimeException e) {
      Diagnostics.error("continueTrace", "Could not start a transaction; a no-op one is used", e);
      return SentryTransaction.NOOP;
    }
  }

  /**
   * The {@code sentry-trace} header value for an outgoing request: the current span's trace, id and
   * decision, else the propagation context's (no flag while the decision is deferred).
   */
  public String getTraceparent() {
    Span span = getSpan();
    if (span != null) {
      TraceContext t = span.toTraceContext();
      return TraceHeaders.sentryTrace(t.getTraceId(), t.getSpanId(), t.getSampled());
    }
    PropagationContext p = getPropagationContext();
    return TraceHeaders.sentryTrace(p.getTraceId(), p.getSpanId(), p.getSampled());
  }

  /** The W3C {@code traceparent} header value: as {@link #getTraceparent()}, flags 01 or 00. */
  public String getW3CTraceparent() {
    Span span = getSpan();
    if (span != null) {
      TraceContext t = span.toTraceContext();
      return TraceHeaders.traceparent(t.getTraceId(), t.getSpanId(), t.getSampled());
    }
    PropagationContext p = getPropagationContext();
    return TraceHeaders.traceparent(p.getTraceId(), p.getSpanId(), p.getSampled());
  }

  /**
   * The {@code baggage} header value for an outgoing request: Sentry's members only (the DSC),
   * which freezes the DSC. Third-party members of the incoming request are not forwarded; use
   * {@link #getBaggage(String)} to add ours to a header the request already has.
   */
  public String getBaggage() {
    return Baggage.format(getDynamicSamplingContext());
  }

  /**
   * An outgoing {@code baggage} header: the members of {@code existingBaggage} that are not
   * Sentry's, unchanged, then Sentry's, within 64 members and 8192 bytes (ours are left out when
   * they do not fit). Freezes the DSC.
   *
   * @param existingBaggage the header the outgoing request already has, or {@code null}
   */
  public String getBaggage(String existingBaggage) {
    return Baggage.merge(existingBaggage, getDynamicSamplingContext());
  }

  /**
   * The headers to add to an outgoing request to {@code url}: {@code sentry-trace}, {@code baggage}
   * (merged with {@code existingBaggage}) and, with {@code propagateTraceparent}, {@code
   * traceparent} — or none when {@code url} matches no {@code tracePropagationTargets} (searched in
   * the URL, as substrings or regular expressions), goes to the DSN's Sentry host, or when the
   * current span belongs to no transaction (as the Python SDK does).
   *
   * @return header names to values (an empty map when nothing should be added)
   */
  public Map<String, String> getTraceHeaders(String url, String existingBaggage) {
    SentryOptions options = getClient().getOptions();
    if (!PropagationTargets.matches(options.getTracePropagationTargets(), url)
        || PropagationTargets.isSentryUrl(sentryNetloc(options), url)) {
      return Collections.emptyMap();
    }
    Span span = getSpan();
    if (span != null && span.getDynamicSamplingContext() == null) {
      // a span of no transaction: it is never sent, so a downstream service would hang its spans
      // under a parent that does not exist, without a DSC (the Python SDK sends nothing either)
      return Collections.emptyMap();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TraceHeaders.SENTRY_TRACE, getTraceparent());
    String baggage = getBaggage(existingBaggage);
    if (!baggage.isEmpty()) {
      headers.put(TraceHeaders.BAGGAGE, baggage);
    }
    if (options.isPropagateTraceparent()) {
      headers.put(TraceHeaders.TRACEPARENT, getW3CTraceparent());
    }
    return headers;
  }

  /** The DSN's host, with {@code :port} when it has one; {@code null} without a DSN. */
  private static String sentryNetloc(SentryOptions options) {
    if (options.getDsn() == null) {
      return null;
    }
    java.net.URI uri = options.getDsn().getEnvelopeUri();
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /**
   * The Dynamic Sampling Context of the trace in force here, for baggage and the envelope's {@code
   * trace} header: the current span's transaction's, else the propagation context's (received, or
   * made from the options). Reading it freezes it when a client sends.
   */
  public Map<String, String> getDynamicSamplingContext() {
    Span span = getSpan();
    if (span != null) {
      Map<String, String> dsc = span.getDynamicSamplingContext();
      if (dsc != null) {
        return dsc;
      }
    }
    Scope owner =
        current.getPropagationContext() != null
            ? current
            : isolation.getPropagationContext() != null ? isolation : global;
    PropagationContext context = owner.getPropagationContext();
    if (context == null) {
      context = PropagationContext.newTrace();
    }
    Map<String, String> frozen = context.getDynamicSamplingContext();
    if (frozen != null) {
      return frozen;
    }
    SentryClient client = getClient();
    Map<String, String> dsc = DynamicSamplingContexts.forPropagation(client.getOptions(), context);
    if (client.isEnabled()) {
      PropagationContext seen = context;
      owner.updatePropagationContext(
          c ->
              c == seen ? seen.withDynamicSamplingContext(dsc) : c); // frozen once, unless replaced
    }
    return dsc;
  }
}
