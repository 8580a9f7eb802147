package dev.sentry4j.jul;

import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;

/** A hand-written span until the tracing work is merged. */
final class FakeSpan implements Span {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ID = "00f067aa0ba902b7";

  @Override
  public String getTraceId() {
    return TRACE_ID;
  }

  @Override
  public String getSpanId() {
    return SPAN_ID;
  }

  @Override
  public TraceContext toTraceContext() {
    return new TraceContext(TRACE_ID, SPAN_ID, null, "checkout", null, Boolean.TRUE);
  }
}
