package dev.sentry4j.internal.tracing;

import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.TraceContext;

/**
 * What a span and a transaction share: the ids and times in a {@link SpanRecord}, written only
 * while <em>recording</em>; the trace's decision kept for a non-recording one; the binding that
 * restores the previous scopes; the finished flag. Thread-safe. Internal, may change.
 */
abstract class BaseSpan implements BindableSpan {
  final SpanRecord record;
  final boolean recording;

  /** The trace's decision carried by a non-recording span (a recording one is sampled). */
  final Boolean sampled;

  final Binding binding = new Binding();
  volatile boolean finished;

  BaseSpan(SpanRecord record, boolean recording, Boolean sampled) {
    this.record = record;
    this.recording = recording;
    this.sampled = sampled;
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
    return recording ? record.getDescription() : null;
  }

  @Override
  public SpanStatus getStatus() {
    return recording ? record.getStatus() : null;
  }

  @Override
  public boolean isSampled() {
    return recording;
  }

  @Override
  public boolean isFinished() {
    return finished;
  }

  @Override
  public void setTag(String key, String value) {
    if (recording) {
      record.setTag(key, value);
    }
  }

  @Override
  public void setData(String key, Object value) {
    if (recording) {
      record.setData(key, value);
    }
  }

  @Override
  public void setStatus(SpanStatus status) {
    if (recording) {
      record.setStatus(status);
    }
  }

  @Override
  public void setDescription(String description) {
    if (recording) {
      record.setDescription(description);
    }
  }

  @Override
  public void setOrigin(String origin) {
    if (recording) {
      record.setOrigin(origin);
    }
  }

  @Override
  public String getOrigin() {
    return recording ? record.getOrigin() : null;
  }

  @Override
  public TraceContext toTraceContext() {
    return recording
        ? record.toTraceContext(Boolean.TRUE)
        : new TraceContext(
            record.traceId, record.spanId, record.parentSpanId, record.operation, null, sampled);
  }
}
