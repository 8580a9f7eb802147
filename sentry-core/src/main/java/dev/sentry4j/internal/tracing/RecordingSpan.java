package dev.sentry4j.internal.tracing;

import dev.sentry4j.scope.ScopeToken;

import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.TraceContext;
import java.util.Map;

/**
 * A recorded child span of a sampled transaction. Thread-safe; see {@link Span}. Internal, may
 * change.
 */
public final class RecordingSpan implements BindableSpan {
  private final SpanRecord record;
  private final RecordingTransaction transaction;
  private final Binding binding = new Binding();

  RecordingSpan(SpanRecord record, RecordingTransaction transaction) {
    this.record = record;
    this.transaction = transaction;
  }

  @Override
  public String getTraceId() {
    return record.traceId;
  }

  @Override
  public String getSpanId() {
    return record.spanId;
  }

  @Override
  public String getParentSpanId() {
    return record.parentSpanId;
  }

  @Override
  public String getOperation() {
    return record.operation;
  }

  @Override
  public String getDescription() {
    return record.getDescription();
  }

  @Override
  public SpanStatus getStatus() {
    return record.getStatus();
  }

  @Override
  public boolean isSampled() {
    return true;
  }

  @Override
  public boolean isFinished() {
    return record.isFinished();
  }

  @Override
  public Span startChild(String operation, String description) {
    return transaction.newChild(record.spanId, operation, description);
  }

  @Override
  public void setTag(String key, String value) {
    record.setTag(key, value);
  }

  @Override
  public void setData(String key, Object value) {
    record.setData(key, value);
  }

  @Override
  public void setStatus(SpanStatus status) {
    record.setStatus(status);
  }

  @Override
  public void setDescription(String description) {
    record.setDescription(description);
  }

  @Override
  public void setOrigin(String origin) {
    record.setOrigin(origin);
  }

  @Override
  public String getOrigin() {
    return record.getOrigin();
  }

  @Override
  public void finish(SpanStatus status) {
    record.finish(transaction.now(), status);
    binding.restore();
  }

  @Override
  public TraceContext toTraceContext() {
    return record.toTraceContext(Boolean.TRUE);
  }

  @Override
  public Map<String, String> getDynamicSamplingContext() {
    return transaction.getDynamicSamplingContext();
  }

  @Override
  public void bind(ScopeToken token, TracingScopes scopes) {
    binding.set(token);
  }

  @Override
  public String toString() {
    return "Span[" + record.operation + " " + record.traceId + "-" + record.spanId + "]";
  }
}
