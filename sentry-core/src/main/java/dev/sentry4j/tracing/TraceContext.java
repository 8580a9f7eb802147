package dev.sentry4j.tracing;

import java.util.Objects;

/**
 * The trace an event, breadcrumb or log line belongs to ({@code contexts.trace} on the wire): trace
 * id, span id, parent span id, operation, status. Immutable.
 */
public final class TraceContext {
  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final String operation;
  private final String status;
  private final Boolean sampled;
  private final String origin;

  /**
   * Creates a trace context.
   *
   * @param traceId 32 lowercase hex characters
   * @param spanId 16 lowercase hex characters
   * @param parentSpanId 16 lowercase hex characters, or {@code null}
   * @param operation the span's operation, or {@code null}
   * @param status the span's status wire name, or {@code null}
   * @param sampled the sampling decision, or {@code null} when deferred
   */
  public TraceContext(
      String traceId,
      String spanId,
      String parentSpanId,
      String operation,
      String status,
      Boolean sampled) {
    this(traceId, spanId, parentSpanId, operation, status, sampled, null);
  }

  /**
   * A trace context with the origin of the span it describes ({@code manual}, {@code auto.http.…}).
   *
   * @param origin the span's origin, or {@code null}
   */
  public TraceContext(
      String traceId,
      String spanId,
      String parentSpanId,
      String operation,
      String status,
      Boolean sampled,
      String origin) {
    this.traceId = Objects.requireNonNull(traceId, "traceId");
    this.spanId = Objects.requireNonNull(spanId, "spanId");
    this.parentSpanId = parentSpanId;
    this.operation = operation;
    this.status = status;
    this.sampled = sampled;
    this.origin = origin;
  }

  /** This context with {@code origin} ({@code this} when it is already the same). */
  public TraceContext withOrigin(String origin) {
    if (Objects.equals(origin, this.origin)) {
      return this;
    }
    return new TraceContext(traceId, spanId, parentSpanId, operation, status, sampled, origin);
  }

  /** The origin of the span ({@code manual} for spans made in code), or {@code null}. */
  public String getOrigin() {
    return origin;
  }

  /** The trace id. */
  public String getTraceId() {
    return traceId;
  }

  /** The span id. */
  public String getSpanId() {
    return spanId;
  }

  /** The parent span id, or {@code null}. */
  public String getParentSpanId() {
    return parentSpanId;
  }

  /** The operation, or {@code null}. */
  public String getOperation() {
    return operation;
  }

  /** The status wire name, or {@code null}. */
  public String getStatus() {
    return status;
  }

  /** The sampling decision, or {@code null} when deferred. */
  public Boolean getSampled() {
    return sampled;
  }

  @Override
  public String toString() {
    return traceId + "-" + spanId;
  }
}
