package dev.sentry4j.logs;

import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.TraceContext;
import java.util.Map;

/** A hand-written span with fixed ids: the logs tests need known ids, not the tracing machinery. */
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

  @Override
  public String getParentSpanId() {
    return null;
  }

  @Override
  public String getOperation() {
    return "test";
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
