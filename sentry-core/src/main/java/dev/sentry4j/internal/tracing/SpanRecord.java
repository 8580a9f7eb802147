package dev.sentry4j.internal.tracing;

import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.tracing.SpanData;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.TraceContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mutable state of one recorded span: ids, operation, description, status, origin, tags, data,
 * start and end. Thread-safe: writes lock a private lock; once finished, changes are ignored, so
 * the snapshot taken at the end is final.
 */
final class SpanRecord {
  static final String DEFAULT_ORIGIN = "manual";

  final String traceId;
  final String spanId;
  final String parentSpanId;
  final String operation;
  final long startEpochNanos;
  private final Object lock = new Object();
  private String description; // guarded by lock
  private SpanStatus status; // guarded by lock
  private String origin = DEFAULT_ORIGIN; // guarded by lock
  private Map<String, String> tags; // guarded by lock; made on first use
  private Map<String, Object> data; // guarded by lock; made on first use
  private volatile long endEpochNanos; // 0 while open

  SpanRecord(
      String traceId,
      String spanId,
      String parentSpanId,
      String operation,
      String description,
      long startEpochNanos) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.operation = operation;
    this.description = description;
    this.startEpochNanos = startEpochNanos;
  }

  boolean isFinished() {
    return endEpochNanos != 0;
  }

  /** Ends the span; false when it had ended already. */
  boolean finish(long endEpochNanos, SpanStatus finalStatus) {
    synchronized (lock) {
      if (this.endEpochNanos != 0) {
        return false;
      }
      if (finalStatus != null) {
        status = finalStatus;
      } else if (status == null) {
        status = SpanStatus.OK;
      }
      this.endEpochNanos = Math.max(endEpochNanos, startEpochNanos);
      return true;
    }
  }

  void setTag(String key, String value) {
    if (key == null) {
      return;
    }
    synchronized (lock) {
      if (endEpochNanos != 0) {
        return;
      }
      if (value == null) {
        if (tags != null) {
          tags.remove(key);
        }
      } else {
        if (tags == null) {
          tags = new LinkedHashMap<>();
        }
        tags.put(key, value);
      }
    }
  }

  void setData(String key, Object value) {
    if (key == null) {
      return;
    }
    Object frozen = value == null ? null : FrozenValues.freeze(value); // outside the lock
    synchronized (lock) {
      if (endEpochNanos != 0) {
        return;
      }
      if (frozen == null) {
        if (data != null) {
          data.remove(key);
        }
      } else {
        if (data == null) {
          data = new LinkedHashMap<>();
        }
        data.put(key, frozen);
      }
    }
  }

  void setStatus(SpanStatus value) {
    synchronized (lock) {
      if (endEpochNanos == 0) {
        status = value;
      }
    }
  }

  SpanStatus getStatus() {
    synchronized (lock) {
      return status;
    }
  }

  void setDescription(String value) {
    synchronized (lock) {
      if (endEpochNanos == 0) {
        description = value;
      }
    }
  }

  String getDescription() {
    synchronized (lock) {
      return description;
    }
  }

  void setOrigin(String value) {
    synchronized (lock) {
      if (endEpochNanos == 0) {
        origin = value == null ? DEFAULT_ORIGIN : value;
      }
    }
  }

  String getOrigin() {
    synchronized (lock) {
      return origin;
    }
  }

  TraceContext toTraceContext(Boolean sampled) {
    SpanStatus s = getStatus();
    return new TraceContext(
        traceId, spanId, parentSpanId, operation, s == null ? null : s.wireName(), sampled);
  }

  /** The finished span's data, or {@code null} while it is open. */
  SpanData snapshot() {
    synchronized (lock) {
      if (endEpochNanos == 0) {
        return null;
      }
      return new SpanData(
          traceId,
          spanId,
          parentSpanId,
          operation,
          description,
          status,
          origin,
          SpanClock.toInstant(startEpochNanos),
          SpanClock.toInstant(endEpochNanos),
          tags,
          data);
    }
  }
}
