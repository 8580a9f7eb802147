package dev.sentry4j.internal.tracing;

import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.internal.Ids;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.ScopeToken;

import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.TraceContext;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionSource;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transaction that records nothing. When not sampled it still has its trace's ids, decision
 * ({@code false}) and Dynamic Sampling Context, so that downstream services learn the decision and
 * errors stay linked; it counts its children, and when finished the client reports it and them as
 * dropped by {@code sample_rate}. {@link #INSTANCE}, with all-zero ids, is returned by {@code
 * startTransaction} before {@code init} or with tracing off, and {@link #forPropagation} by {@code
 * continueTrace} then; neither is made current. Thread-safe. Internal, may change.
 */
public final class NoOpTransaction implements Transaction, BindableSpan, TraceRoot {
  /** The shared transaction returned when there is nothing to record. */
  public static final NoOpTransaction INSTANCE =
      new NoOpTransaction(
          null, null, "", TransactionSource.CUSTOM, null, NoOpSpan.INVALID_TRACE_ID,
          NoOpSpan.INVALID_SPAN_ID, null, null, null, 0.0, null);

  private final SentryOptions options;
  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final String operation;
  private final Boolean sampled;
  private final Double sampleRate;
  private final double sampleRand;
  private final Object dscLock = new Object();
  private volatile Map<String, String> dsc;
  private volatile String name;
  private volatile TransactionSource source;
  private volatile TracingScopes scopes;
  private volatile Scope boundScope;
  private final AtomicInteger children = new AtomicInteger();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Binding binding = new Binding();

  private NoOpTransaction(
      SentryOptions options,
      TracingScopes scopes,
      String name,
      TransactionSource source,
      String operation,
      String traceId,
      String spanId,
      String parentSpanId,
      Boolean sampled,
      Double sampleRate,
      double sampleRand,
      Map<String, String> incomingDsc) {
    this.options = options;
    this.scopes = scopes;
    this.name = name;
    this.source = source;
    this.operation = operation;
    this.traceId = traceId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.sampled = sampled;
    this.sampleRate = sampleRate;
    this.sampleRand = sampleRand;
    this.dsc = incomingDsc;
  }

  /** An unsampled transaction: reported as dropped by {@code sample_rate} when finished. */
  static NoOpTransaction unsampled(
      SentryOptions options,
      TracingScopes scopes,
      String name,
      TransactionSource source,
      String operation,
      String traceId,
      String parentSpanId,
      Double sampleRate,
      double sampleRand,
      Map<String, String> incomingDsc) {
    return new NoOpTransaction(
        options, scopes, name, source, operation, traceId, Ids.newId16(), parentSpanId,
        Boolean.FALSE, sampleRate, sampleRand, incomingDsc);
  }

  /**
   * What {@code continueTrace} returns with tracing off: the continued trace's ids and decision (its
   * span id is the propagation context's, which errors carry), never made current, never reported.
   */
  public static NoOpTransaction forPropagation(
      PropagationContext context, String name, String operation) {
    return new NoOpTransaction(
        null, null, name, TransactionSource.CUSTOM, operation, context.getTraceId(),
        context.getSpanId(), context.getParentSpanId(), context.getSampled(), null, 0.0,
        context.getDynamicSamplingContext());
  }

  private boolean isShared() {
    return this == INSTANCE;
  }

  @Override
  public void countUnrecordedChild() {
    children.incrementAndGet();
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
    if (isShared() || name == null || finished.get()) {
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
  public String getTraceId() {
    return traceId;
  }

  @Override
  public String getSpanId() {
    return spanId;
  }

  @Override
  public String getParentSpanId() {
    return parentSpanId;
  }

  @Override
  public String getOperation() {
    return operation;
  }

  @Override
  public String getDescription() {
    return null;
  }

  @Override
  public SpanStatus getStatus() {
    return null;
  }

  @Override
  public boolean isSampled() {
    return false;
  }

  @Override
  public boolean isFinished() {
    return finished.get();
  }

  @Override
  public Span startChild(String operation, String description) {
    if (isShared()) {
      return NoOpSpan.INSTANCE;
    }
    countUnrecordedChild();
    return new NoOpSpan(traceId, Ids.newId16(), spanId, operation, sampled, this);
  }

  @Override
  public void setTag(String key, String value) {}

  @Override
  public void setData(String key, Object value) {}

  @Override
  public void setStatus(SpanStatus status) {}

  @Override
  public void setDescription(String description) {}

  @Override
  public void setOrigin(String origin) {}

  @Override
  public String getOrigin() {
    return null;
  }

  @Override
  public void finish(SpanStatus status) {
    if (isShared()) {
      return;
    }
    boolean first = finished.compareAndSet(false, true);
    binding.restore();
    TracingScopes s = scopes;
    if (first && s != null) {
      try {
        TransactionEvent unsampled =
            new TransactionEvent(
                name, source, null, Collections.emptyList(), false, children.get(), null);
        s.getClient().captureTransaction(unsampled, null, s);
      } catch (RuntimeException e) {
        Diagnostics.error("transaction", "Could not report an unsampled transaction", e);
      }
    }
  }

  @Override
  public TraceContext toTraceContext() {
    return new TraceContext(traceId, spanId, parentSpanId, operation, null, sampled);
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
                options, traceId, name, source, sampleRate, sampleRand, Boolean.FALSE);
      }
      return dsc;
    }
  }

  @Override
  public void bind(ScopeToken token, TracingScopes scopes) {
    if (isShared()) {
      return;
    }
    this.scopes = scopes;
    this.boundScope = scopes.getCurrentScope();
    binding.set(token);
  }

  @Override
  public String toString() {
    return "NoOpTransaction['" + name + "' " + traceId + "-" + spanId + "]";
  }
}
