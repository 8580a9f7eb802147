package dev.sentry4j.log4j2;

import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;

/** A hand-written span until the tracing work is merged: fixed ids, operation {@code test.op}. */
record FakeSpan(String traceId, String spanId) implements Span {
  static final FakeSpan ONE = new FakeSpan("0123456789abcdef0123456789abcdef", "0123456789abcdef");

  @Override
  public String getTraceId() {
    return traceId;
  }

  @Override
  public String getSpanId() {
    return spanId;
  }

  @Override
  public TraceContext toTraceContext() {
    return new TraceContext(traceId, spanId, null, "test.op", null, true);
  }
}
