package dev.sentry4j.internal.tracing;

import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.internal.Ids;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.ScopeToken;

import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanData;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.TraceContext;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sampled transaction: it records up to {@code maxSpans} descendants (the rest are no-op spans,
 * counted), and when finished hands its finished descendants to the client as one transaction event.
 * Its clock reads the wall time once; every span of it is timed with {@link System#nanoTime()}.
 *
 * <p>Thread-safe: children may be started and finished from several threads at once (a lock-free
 * queue holds them; each span locks only itself). Internal, may change.
 */
public final class RecordingTransaction implements Transaction, BindableSpan, TraceRoot {
  private final SpanRecord root;
  private final SpanClock clock = new SpanClock();
  private final SentryOptions options;
  private final Double sampleRate;
  private final double sampleRand;
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
  private final Binding binding = new Binding();

  RecordingTransaction(
      SentryOptions options,
      TracingScopes scopes,
      String name,
      TransactionSource source,
      String operation,
      String traceId,
      String parentSpanId,
      Instant startTimestamp,
      Double sampleRate,
      double sampleRand,
      Map<String, String> incomingDsc) {
    this.options = options;
    this.scopes = scopes;
    this.name = name;
    this.source = source;
    this.sampleRate = sampleRate;
    this.sampleRand = sampleRand;
    this.maxSpans = options.getMaxSpans();
    this.dsc = incomingDsc;
    long start = startTimestamp == null ? clock.now() : SpanClock.toEpochNanos(startTimestamp);
    this.root = new SpanRecord(traceId, Ids.newId16(), parentSpanId, operation, null, start);
  }

  long now() {
    return clock.now();
  }

  /** Starts a descendant with the given parent: recorded, or a counted no-op beyond maxSpans. */
  Span newChild(String parentSpanId, String operation, String description) {
    if (root.isFinished()) {
      Diagnostics.debug("A span was started in a finished transaction; it is not recorded");
      return new NoOpSpan(root.traceId, Ids.newId16(), parentSpanId, operation, Boolean.TRUE, this);
    }
    if (started.incrementAndGet() > maxSpans) {
      countUnrecordedChild();
      return new NoOpSpan(root.traceId, Ids.newId16(), parentSpanId, operation, Boolean.TRUE, this);
    }
    SpanRecord child =
        new SpanRecord(root.traceId, Ids.newId16(), parentSpanId, operation, description, clock.now());
    children.add(child);
    return new RecordingSpan(child, this);
  }

  @Override
  public void countUnrecordedChild() {
    unrecorded.incrementAndGet();
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
    if (name == null || root.isFinished()) {
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
    return root.traceId;
  }

  @Override
  public String getSpanId() {
    return root.spanId;
  }

  @Override
  public String getParentSpanId() {
    return root.parentSpanId;
  }

  @Override
  public String getOperation() {
    return root.operation;
  }

  @Override
  public String getDescription() {
    return root.getDescription();
  }

  @Override
  public SpanStatus getStatus() {
    return root.getStatus();
  }

  @Override
  public boolean isSampled() {
    return true;
  }

  @Override
  public boolean isFinished() {
    return root.isFinished();
  }

  @Override
  public Span startChild(String operation, String description) {
    return newChild(root.spanId, operation, description);
  }

  @Override
  public void setTag(String key, String value) {
    root.setTag(key, value);
  }

  @Override
  public void setData(String key, Object value) {
    root.setData(key, value);
  }

  @Override
  public void setStatus(SpanStatus status) {
    root.setStatus(status);
  }

  @Override
  public void setDescription(String description) {
    root.setDescription(description);
  }

  @Override
  public void setOrigin(String origin) {
    root.setOrigin(origin);
  }

  @Override
  public String getOrigin() {
    return root.getOrigin();
  }

  @Override
  public void finish(SpanStatus status) {
    boolean first = root.finish(clock.now(), status);
    binding.restore();
    if (first) {
      try {
        capture();
      } catch (RuntimeException e) {
        Diagnostics.error("transaction", "Could not capture a finished transaction; dropped", e);
      }
    }
  }

  private void capture() {
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
    TransactionEvent event =
        new TransactionEvent(
            name, source, root.snapshot(), spans, true, dropped, getDynamicSamplingContext());
    TracingScopes s = scopes;
    s.getClient().captureTransaction(event, null, s);
  }

  @Override
  public TraceContext toTraceContext() {
    return root.toTraceContext(Boolean.TRUE);
  }

  @Override
  public Map<String, String> getDynamicSamplingContext() {
    Map<String, String> d = dsc;
    if (d != null) {
      return d;
    }
    synchronized (dscLock) {
      if (dsc == null) {
        dsc =
            DynamicSamplingContexts.forTransaction(
                options, root.traceId, name, source, sampleRate, sampleRand, Boolean.TRUE);
      }
      return dsc;
    }
  }

  @Override
  public void bind(ScopeToken token, TracingScopes scopes) {
    this.scopes = scopes;
    this.boundScope = scopes.getCurrentScope();
    binding.set(token);
  }

  @Override
  public String toString() {
    return "Transaction['" + name + "' " + root.traceId + "-" + root.spanId + "]";
  }
}
