package dev.sentry4j.internal.tracing;

import dev.sentry4j.internal.Ids;
import dev.sentry4j.scope.ScopeToken;

import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.TraceContext;
import java.util.Map;

/**
 * A span that records nothing. With real ids it stands in for a span of an unsampled transaction, a
 * span beyond {@code maxSpans}, or a span started with no transaction: made current, it keeps
 * outgoing headers, errors and log lines on the right trace and decision. {@link #INSTANCE}, with
 * all-zero ids, is what the SDK returns before {@code init} or with tracing off; it is never made
 * current. Thread-safe. Internal, may change.
 */
public final class NoOpSpan implements BindableSpan {
  /** The all-zero trace id of {@link #INSTANCE} (W3C's invalid id). */
  public static final String INVALID_TRACE_ID = "00000000000000000000000000000000";
  /** The all-zero span id of {@link #INSTANCE}. */
  public static final String INVALID_SPAN_ID = "0000000000000000";
  /** The shared span returned when there is nothing to record. */
  public static final NoOpSpan INSTANCE =
      new NoOpSpan(INVALID_TRACE_ID, INVALID_SPAN_ID, null, null, null, null);

  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final String operation;
  private final Boolean sampled;
  private final TraceRoot root;
  private final Binding binding = new Binding();
  private volatile boolean finished;

  NoOpSpan(
      String traceId,
      String spanId,
      String parentSpanId,
      String operation,
      Boolean sampled,
      TraceRoot root) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.operation = operation;
    this.sampled = sampled;
    this.root = root;
  }

  /**
   * A span with no transaction, on the trace of {@code context}: a child of its upstream span,
   * carrying its decision.
   */
  public static NoOpSpan standalone(PropagationContext context, String operation) {
    return new NoOpSpan(
        context.getTraceId(),
        Ids.newId16(),
        context.getParentSpanId(),
        operation,
        context.getSampled(),
        null);
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
    return finished;
  }

  @Override
  public Span startChild(String operation, String description) {
    if (this == INSTANCE) {
      return INSTANCE;
    }
    if (root != null) {
      root.countUnrecordedChild();
    }
    return new NoOpSpan(traceId, Ids.newId16(), spanId, operation, sampled, root);
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
    if (this == INSTANCE) {
      return;
    }
    finished = true;
    binding.restore();
  }

  @Override
  public TraceContext toTraceContext() {
    return new TraceContext(traceId, spanId, parentSpanId, operation, null, sampled);
  }

  @Override
  public Map<String, String> getDynamicSamplingContext() {
    return root == null ? null : root.getDynamicSamplingContext();
  }

  @Override
  public void bind(ScopeToken token, TracingScopes scopes) {
    if (this != INSTANCE) {
      binding.set(token);
    }
  }

  @Override
  public String toString() {
    return "NoOpSpan[" + operation + " " + traceId + "-" + spanId + "]";
  }
}
