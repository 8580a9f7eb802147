package dev.sentry4j.logback;

import dev.sentry4j.Sentry;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;

/** A hand-written span until the tracing work is merged: fixed ids, made current in a new scope. */
final class FakeSpan implements Span {
  final String traceId;
  final String spanId;

  FakeSpan(String traceId, String spanId) {
    this.traceId = traceId;
    this.spanId = spanId;
  }

  static FakeSpan of(char traceDigit, char spanDigit) {
    return new FakeSpan(String.valueOf(traceDigit).repeat(32), String.valueOf(spanDigit).repeat(16));
  }

  /** Makes this span current on the calling thread until the token is closed. */
  ScopeToken activate() {
    ScopeToken token = Sentry.newScope();
    Sentry.getCurrentScope().setSpan(this);
    return token;
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
  public TraceContext toTraceContext() {
    return new TraceContext(traceId, spanId, null, "test.op", null, Boolean.TRUE);
  }
}
