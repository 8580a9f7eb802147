package dev.sentry4j.tracing;

/**
 * A timed operation within a trace. Events captured while a span is current carry its trace context.
 */
public interface Span {
  /** The trace id (32 lowercase hex). */
  String getTraceId();

  /** The span id (16 lowercase hex). */
  String getSpanId();

  /** This span as the trace of an event, breadcrumb or log line captured while it is current. */
  TraceContext toTraceContext();
}
