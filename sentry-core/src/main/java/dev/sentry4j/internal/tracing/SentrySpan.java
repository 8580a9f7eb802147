package dev.sentry4j.internal.tracing;

import dev.sentry4j.internal.Ids;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import java.util.Map;

/**
 * The one child-span class. A <em>recording</em> span belongs to a sampled transaction and records
 * its description, status, tags, data and times, which the transaction sends; a non-recording span
 * (of an unsampled transaction, beyond {@code maxSpans}, or started with no transaction) keeps only
 * its ids and the trace's decision ({@code sampled}), so that made current it still puts outgoing
 * headers, errors and log lines on the right trace. {@link #NOOP}, with all-zero ids, is what the
 * SDK returns before {@code init}; it is never made current. Thread-safe. Internal, may change.
 */
public final class SentrySpan extends BaseSpan {
  /** The all-zero trace id of {@link #NOOP} (W3C's invalid id). */
  public static final String INVALID_TRACE_ID = "00000000000000000000000000000000";

  /** The all-zero span id of {@link #NOOP}. */
  public static final String INVALID_SPAN_ID = "0000000000000000";

  /** The shared span returned when there is nothing to record. */
  public static final SentrySpan NOOP =
      new SentrySpan(
          new SpanRecord(INVALID_TRACE_ID, INVALID_SPAN_ID, null, null, null, 0L),
          null,
          false,
          null);

  private final SentryTransaction transaction; // null: no transaction (standalone, NOOP)

  SentrySpan(SpanRecord record, SentryTransaction transaction, boolean recording, Boolean sampled) {
    super(record, recording, sampled);
    this.transaction = transaction;
  }

  /**
   * A span with no transaction, on the trace of {@code context}: a child of its upstream span,
   * carrying its decision; never recorded.
   */
  public static SentrySpan standalone(PropagationContext context, String operation) {
    return new SentrySpan(
        new SpanRecord(
            context.getTraceId(), Ids.newId16(), context.getParentSpanId(), operation, null, 0L),
        null,
        false,
        context.getSampled());
  }

  @Override
  public Span startChild(String operation, String description) {
    if (this == NOOP) {
      return NOOP;
    }
    if (transaction != null) {
      return transaction.newChild(record.spanId, operation, description);
    }
    return new SentrySpan(
        new SpanRecord(record.traceId, Ids.newId16(), record.spanId, operation, null, 0L),
        null,
        false,
        sampled);
  }

  @Override
  public void finish(SpanStatus status) {
    if (this == NOOP) {
      return;
    }
    if (recording) {
      record.finish(transaction.now(), status);
    }
    finished = true;
    binding.restore();
  }

  @Override
  public Map<String, String> getDynamicSamplingContext() {
    return transaction == null ? null : transaction.getDynamicSamplingContext();
  }

  @Override
  public void bind(ScopeToken token, TracingScopes scopes) {
    if (this != NOOP) {
      binding.set(token);
    }
  }

  @Override
  public String toString() {
    return (recording ? "Span[" : "Span(not recorded)[")
        + record.operation
        + " "
        + record.traceId
        + "-"
        + record.spanId
        + "]";
  }
}
