package dev.sentry4j.internal.tracing;

import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.internal.Ids;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanData;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one transaction class. A <em>recording</em> (sampled) transaction records up to {@code
 * maxSpans} descendants (the rest are non-recording spans, counted) and, when finished, hands its
 * finished descendants to the client as one transaction event. A non-recording (unsampled)
 * transaction still has its trace's ids, decision and Dynamic Sampling Context, so that downstream
 * services learn the decision and errors and log lines stay linked; it counts its children, and
 * when finished the client counts it and them as dropped by {@code sample_rate}. {@link #NOOP},
 * with all-zero ids, is what {@code startTransaction} returns before {@code init} (never made
 * current), and {@link #forPropagation} what {@code continueTrace} returns with tracing off (made
 * current after {@code init}); neither is reported. Times come from a {@link SpanClock}.
 *
 * <p>Thread-safe: children may be started and finished from several threads at once (a lock-free
 * queue holds them; each span locks only itself). Internal, may change.
 */
public final class SentryTransaction extends BaseSpan implements Transaction {
  /** The shared transaction returned when there is nothing to record. */
  public static final SentryTransaction NOOP =
      new SentryTransaction(
          null,
          null,
          "",
          TransactionSource.CUSTOM,
          new SpanRecord(
              SentrySpan.INVALID_TRACE_ID, SentrySpan.INVALID_SPAN_ID, null, null, null, 0L),
          new TraceDecision(false, null, null, 0.0, null),
          null);

  private final SentryOptions options; // null: never reported (NOOP, forPropagation)
  private final SpanClock clock;
  private final TraceDecision decision;
  private final int maxSpans;
  private final Object dscLock = new Object();
  private volatile Map<String, String> dsc;
  private volatile String name;
  private volatile TransactionSource source;
  private volatile TracingScopes scopes;
  private volatile Scope boundScope;
  private final ConcurrentLinkedQueue<SpanRecord> children = new ConcurrentLinkedQueue<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger unrecorded = new AtomicInteger();

  SentryTransaction(
      SentryOptions options,
      TracingScopes scopes,
      String name,
      TransactionSource source,
      SpanRecord root,
      TraceDecision decision,
      SpanClock clock) {
    super(root, decision.recording, decision.sampled);
    this.options = options;
    this.scopes = scopes;
    this.name = name;
    this.source = source;
    this.decision = decision;
    this.clock = clock;
    this.maxSpans = options == null ? 0 : options.getMaxSpans();
    this.dsc = decision.incomingDsc;
  }

  /**
   * What {@code continueTrace} returns with tracing off: the continued trace's ids and decision
   * (its span id is the propagation context's, which errors carry), made current after {@code init}
   * but never reported.
   */
  public static SentryTransaction forPropagation(
      PropagationContext context, String name, String operation) {
    return new SentryTransaction(
        null,
        null,
        name,
        TransactionSource.CUSTOM,
        new SpanRecord(
            context.getTraceId(),
            context.getSpanId(),
            context.getParentSpanId(),
            operation,
            null,
            0L),
        new TraceDecision(
            false, context.getSampled(), null, 0.0, context.getDynamicSamplingContext()),
        null);
  }

  long now() {
    return clock.now();
  }

  /** Starts a descendant with the given parent: recorded, or a counted non-recording span. */
  Span newChild(String parentSpanId, String operation, String description) {
    if (!recording) {
      unrecorded.incrementAndGet();
      return unrecordedChild(parentSpanId, operation);
    }
    if (finished) {
      Diagnostics.debug("A span was started in a finished transaction; it is not recorded");
      return unrecordedChild(parentSpanId, operation);
    }
    if (started.incrementAndGet() > maxSpans) {
      unrecorded.incrementAndGet();
      return unrecordedChild(parentSpanId, operation);
    }
    SpanRecord child =
        new SpanRecord(
            record.traceId, Ids.newId16(), parentSpanId, operation, description, clock.now());
    children.add(child);
    return new SentrySpan(child, this, true, Boolean.TRUE);
  }

  private SentrySpan unrecordedChild(String parentSpanId, String operation) {
    return new SentrySpan(
        new SpanRecord(record.traceId, Ids.newId16(), parentSpanId, operation, null, 0L),
        this,
        false,
        decision.sampled);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public void setName(String name) {
    setName(name, source);
  }

  @Override
  public void setName(String name, TransactionSource source) {
    if (this == NOOP || name == null || finished) {
      return;
    }
    this.name = name;
    this.source = source == null ? TransactionSource.CUSTOM : source;
    Scope scope = boundScope;
    if (scope != null) {
      scope.setTransactionName(name);
    }
  }

  @Override
  public TransactionSource getSource() {
    return source;
  }

  @Override
  public Span startChild(String operation, String description) {
    if (this == NOOP) {
      return SentrySpan.NOOP;
    }
    return newChild(record.spanId, operation, description);
  }

  @Override
  public void finish(SpanStatus status) {
    if (this == NOOP) {
      return;
    }
    boolean first;
    synchronized (dscLock) {
      first = !finished;
      finished = true;
    }
    if (first && recording) {
      record.finish(clock.now(), status);
    }
    binding.restore();
    TracingScopes s = scopes;
    if (!first || s == null || options == null) {
      return;
    }
    try {
      TransactionEvent event = recording ? recorded() : unsampled();
      s.getClient().captureTransaction(event, null, s);
    } catch (RuntimeException e) {
      Diagnostics.error("transaction", "Could not capture a finished transaction; dropped", e);
    }
  }

  private TransactionEvent unsampled() {
    return new TransactionEvent(
        name, source, null, Collections.emptyList(), false, unrecorded.get(), null);
  }

  private TransactionEvent recorded() {
    List<SpanData> spans = new ArrayList<>();
    int dropped = unrecorded.get();
    for (SpanRecord child : children) {
      SpanData data = child.snapshot();
      if (data == null) {
        dropped++;
      } else {
        spans.add(data);
      }
    }
    if (dropped > 0) {
      Diagnostics.debug(
          "Transaction '" + name + "': " + dropped + " unfinished or excess spans left out");
    }
    return new TransactionEvent(
        name, source, record.snapshot(), spans, true, dropped, getDynamicSamplingContext());
  }

  @Override
  public Map<String, String> getDynamicSamplingContext() {
    Map<String, String> d = dsc;
    if (d != null || options == null) {
      return d; // without options: the scope's propagation context supplies the DSC
    }
    synchronized (dscLock) {
      if (dsc == null) {
        dsc =
            DynamicSamplingContexts.forTransaction(
                options,
                record.traceId,
                name,
                source,
                decision.sampleRate,
                decision.sampleRand,
                recording);
      }
      return dsc;
    }
  }

  @Override
  public void bind(ScopeToken token, TracingScopes scopes) {
    if (this == NOOP) {
      return;
    }
    this.scopes = scopes;
    this.boundScope = scopes.getCurrentScope();
    binding.set(token);
  }

  @Override
  public String toString() {
    return (recording ? "Transaction['" : "Transaction(not sampled)['")
        + name
        + "' "
        + record.traceId
        + "-"
        + record.spanId
        + "]";
  }
}
