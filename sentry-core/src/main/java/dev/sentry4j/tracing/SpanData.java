package dev.sentry4j.tracing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A finished span as it is sent inside a transaction: ids, operation, description, status, origin,
 * start and end time, tags and data. Immutable; the data values are frozen JSON-like copies.
 */
public final class SpanData {
  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final String operation;
  private final String description;
  private final SpanStatus status;
  private final String origin;
  private final Instant startTimestamp;
  private final Instant timestamp;
  private final Map<String, String> tags;
  private final Map<String, Object> data;

  /**
   * Creates a span snapshot.
   *
   * @param traceId 32 lowercase hex
   * @param spanId 16 lowercase hex
   * @param parentSpanId 16 lowercase hex, or {@code null}
   * @param operation the operation, or {@code null}
   * @param description the description, or {@code null}
   * @param status the status, or {@code null}
   * @param origin the origin, or {@code null}
   * @param startTimestamp when it started
   * @param timestamp when it finished (not before {@code startTimestamp})
   * @param tags the tags (copied)
   * @param data frozen data values (copied)
   */
  public SpanData(
      String traceId,
      String spanId,
      String parentSpanId,
      String operation,
      String description,
      SpanStatus status,
      String origin,
      Instant startTimestamp,
      Instant timestamp,
      Map<String, String> tags,
      Map<String, Object> data) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.operation = operation;
    this.description = description;
    this.status = status;
    this.origin = origin;
    this.startTimestamp = startTimestamp;
    this.timestamp = timestamp;
    this.tags = copy(tags);
    this.data = copy(data);
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return map == null || map.isEmpty()
        ? Collections.emptyMap()
        : Collections.unmodifiableMap(new LinkedHashMap<>(map));
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

  /** The description, or {@code null}. */
  public String getDescription() {
    return description;
  }

  /** The status, or {@code null}. */
  public SpanStatus getStatus() {
    return status;
  }

  /** The origin, or {@code null}. */
  public String getOrigin() {
    return origin;
  }

  /** When it started. */
  public Instant getStartTimestamp() {
    return startTimestamp;
  }

  /** When it finished. */
  public Instant getTimestamp() {
    return timestamp;
  }

  /** The tags. */
  public Map<String, String> getTags() {
    return tags;
  }

  /** The data. */
  public Map<String, Object> getData() {
    return data;
  }

  /**
   * A copy with another description, tags and data and everything else equal: how the scrubber and
   * callbacks change a finished span. This span itself when all three are the same instances.
   */
  public SpanData withContent(
      String description, Map<String, String> tags, Map<String, Object> data) {
    if (Objects.equals(description, this.description) && tags == this.tags && data == this.data) {
      return this;
    }
    return new SpanData(
        traceId,
        spanId,
        parentSpanId,
        operation,
        description,
        status,
        origin,
        startTimestamp,
        timestamp,
        tags,
        data);
  }

  @Override
  public String toString() {
    return "SpanData[" + operation + " " + spanId + " <- " + parentSpanId + "]";
  }
}
