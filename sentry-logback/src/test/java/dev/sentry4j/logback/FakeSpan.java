package dev.sentry4j.logback;

import dev.sentry4j.Sentry;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.TraceContext;
import java.util.Map;

/**
 * A hand-written span with fixed ids, made current in a new scope: the adapter's tests need "a span
 * is current" with ids they know, not the tracing machinery (tested in sentry-core).
 */
final class FakeSpan implements Span {
  final String traceId;
  final String spanId;

  FakeSpan(String traceId, String spanId) {
    this.traceId = traceId;
    this.spanId = spanId;
  }

  static FakeSpan of(char traceDigit, char spanDigit) {
    return new FakeSpan(
        String.valueOf(traceDigit).repeat(32), String.valueOf(spanDigit).repeat(16));
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

  @Override
  public String getParentSpanId() {
    return null;
  }

  @Override
  public String getOperation() {
    return "test.op";
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
    return true;
  }

  @Override
  public boolean isFinished() {
    return false;
  }

  @Override
  public Span startChild(String operation, String description) {
    return this;
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
    return "manual";
  }

  @Override
  public void finish(SpanStatus status) {}

  @Override
  public Map<String, String> getDynamicSamplingContext() {
    return Map.of();
  }
}
