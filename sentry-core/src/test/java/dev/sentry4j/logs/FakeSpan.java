package dev.sentry4j.logs;

import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;

/** A hand-written span with fixed ids, until the tracing work is merged. */
public final class FakeSpan implements Span {
  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  public static final String SPAN_ID = "00f067aa0ba902b7";

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
    return new TraceContext(TRACE_ID, SPAN_ID, null, "test", null, true);
  }
}
