package dev.sentry4j.spi.logging;

import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;

/**
 * The values a log line prints under the {@link TraceKeys}: what sentry-slf4j-mdc writes into the
 * MDC and sentry-log4j2 into the ThreadContext when the current span changes, decided once here so
 * that every framework prints the same trace. The sampled value is one of the two constant Strings
 * {@code "true"} / {@code "false"} (a listener may compare it by identity).
 */
public final class TraceValues {
  private static final String TRUE = "true";
  private static final String FALSE = "false";

  private TraceValues() {}

  /**
   * The trace id: the span's, else the propagation context's when {@code propagationIds} (lines
   * outside spans carry the trace their events would), else none.
   *
   * @param span the current span, or {@code null}
   * @param context the thread's propagation context (may be {@code null} when {@code span} is not)
   * @param propagationIds whether lines outside spans print the propagation context's ids
   * @return the id, or {@code null} for none
   */
  public static String traceId(Span span, PropagationContext context, boolean propagationIds) {
    return span != null ? span.getTraceId() : propagationIds ? context.getTraceId() : null;
  }

  /**
   * The span id, chosen as {@link #traceId}.
   *
   * @param span the current span, or {@code null}
   * @param context the thread's propagation context (may be {@code null} when {@code span} is not)
   * @param propagationIds whether lines outside spans print the propagation context's ids
   * @return the id, or {@code null} for none
   */
  public static String spanId(Span span, PropagationContext context, boolean propagationIds) {
    return span != null ? span.getSpanId() : propagationIds ? context.getSpanId() : null;
  }

  /**
   * The sampling decision: the span's; for a span that only carries the propagation context's trace
   * ({@code continueTrace} with tracing off makes such a transaction current), the incoming
   * decision, as without that span; outside spans the propagation context's when {@code
   * propagationIds}.
   *
   * @param span the current span, or {@code null}
   * @param context the thread's propagation context (may be {@code null} when {@code span} is not)
   * @param propagationIds whether lines outside spans print the propagation context's ids
   * @return {@code "true"}, {@code "false"}, or {@code null} when there is no decision
   */
  public static String sampled(Span span, PropagationContext context, boolean propagationIds) {
    Boolean decision;
    if (span == null) {
      decision = propagationIds ? context.getSampled() : null;
    } else if (span.isSampled() || !carriesOnly(span, context)) {
      return span.isSampled() ? TRUE : FALSE;
    } else {
      decision = context.getSampled();
    }
    return decision == null ? null : decision ? TRUE : FALSE;
  }

  /** Whether {@code span}'s ids are the propagation context's own (a recorded span has its own). */
  private static boolean carriesOnly(Span span, PropagationContext context) {
    return context != null
        && span.getSpanId() != null
        && span.getSpanId().equals(context.getSpanId())
        && span.getTraceId() != null
        && span.getTraceId().equals(context.getTraceId());
  }
}
