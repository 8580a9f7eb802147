package dev.sentry4j.logs;

import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.internal.Ids;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.tracing.TraceContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Sentry Log record, frozen: time, trace, level, formatted body and typed attributes. Attribute
 * values are only {@link String}, {@link Boolean}, {@link Long} (type {@code integer}) and {@link
 * Double} (type {@code double}); the builder converts anything else (an {@code Integer} becomes a
 * {@code Long}, an object its {@code toString()}). Immutable and thread-safe: it is built on the
 * logging thread and read by the SDK's worker.
 *
 * <p>{@code beforeSendLog} receives these and may return an edited copy:
 *
 * <pre>{@code
 * options.setBeforeSendLog(log -> log.getBody().contains("password") ? null
 *     : log.toBuilder().removeAttribute("server.address").build());
 * }</pre>
 */
public final class LogItem {
  /** Longest body kept, in characters; longer ones are cut with an ellipsis. */
  public static final int MAX_BODY_LENGTH = 65_536;

  /** Longest string attribute kept, in characters. */
  public static final int MAX_ATTRIBUTE_LENGTH = FrozenValues.MAX_STRING;

  private final Instant timestamp;
  private final String traceId;
  private final String spanId;
  private final LogLevel level;
  private final String body;
  private final Map<String, Object> attributes;

  private LogItem(Builder b) {
    this.timestamp = b.timestamp != null ? b.timestamp : Instant.now();
    String trace = b.traceId;
    String span = b.spanId;
    if (!Ids.isLowerHex(trace, 32)) { // unset or not an id Sentry takes: a trace of its own
      trace = Ids.newId32();
      span = null;
    }
    if (span != null && !Ids.isLowerHex(span, 16)) {
      span = null;
    }
    this.traceId = trace;
    this.spanId = span;
    this.level = b.level;
    this.body = b.body;
    this.attributes =
        b.attributes.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(b.attributes);
    b.shared = true;
  }

  /**
   * A builder for a record at {@code level} with a formatted {@code body}.
   *
   * @param level the level; {@link LogLevel#OFF} (a threshold) is sent as {@code fatal}
   * @param body the formatted message; {@code null} becomes an empty body
   */
  public static Builder builder(LogLevel level, String body) {
    return new Builder(level, body);
  }

  /** When it was logged. */
  public Instant getTimestamp() {
    return timestamp;
  }

  /** The trace id (32 lowercase hex characters). */
  public String getTraceId() {
    return traceId;
  }

  /**
   * The id of the span active when it was logged (16 lowercase hex characters), or {@code null}.
   */
  public String getSpanId() {
    return spanId;
  }

  /** The level ({@code warn} on the wire for {@link LogLevel#WARN}). */
  public LogLevel getLevel() {
    return level;
  }

  /** The formatted message. */
  public String getBody() {
    return body;
  }

  /** The attributes in insertion order; values are String, Boolean, Long or Double. */
  public Map<String, Object> getAttributes() {
    return attributes;
  }

  /** The value of one attribute, or {@code null}. */
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  /** A builder holding this record's values, to make an edited copy. */
  public Builder toBuilder() {
    Builder b = new Builder(level, body);
    b.timestamp = timestamp;
    b.traceId = traceId;
    b.spanId = spanId;
    if (!attributes.isEmpty()) {
      b.attributes = new LinkedHashMap<>(attributes);
    }
    return b;
  }

  @Override
  public String toString() {
    return "LogItem["
        + level.logsName()
        + " '"
        + Strings.truncate(body, 80)
        + "' "
        + attributes.keySet()
        + "]";
  }

  /**
   * Converts a value to an attribute value: String, Boolean, Long or Double, or {@code null} for
   * {@code null}. Integers of every width become Long, Float becomes Double, non-finite numbers and
   * big numbers their text, anything else its {@code toString()} (collections bounded as by the
   * SDK's other frozen values). Never throws.
   */
  public static Object toAttributeValue(Object value) {
    if (value == null || value instanceof Boolean) {
      return value;
    }
    if (value instanceof String) {
      return Strings.truncate((String) value, MAX_ATTRIBUTE_LENGTH);
    }
    if (value instanceof Long) {
      return value;
    }
    if (value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof AtomicInteger
        || value instanceof AtomicLong) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? (Object) d : Double.toString(d);
    }
    if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Number) {
      // 64-bit signed is all Sentry's integer holds; unsigned and big values go as their exact text
      return Strings.safeToString(value);
    }
    if (value instanceof Character || value instanceof Enum) {
      return value.toString();
    }
    Object frozen =
        FrozenValues.freeze(value); // bounds collections, survives a throwing toString()
    return Strings.truncate(
        frozen instanceof String ? (String) frozen : String.valueOf(frozen), MAX_ATTRIBUTE_LENGTH);
  }

  /**
   * Builds a {@link LogItem}. Not thread-safe. The builder may be reused after {@link #build()}:
   * the built record does not see later changes.
   */
  public static final class Builder {
    private LogLevel level;
    private String body;
    private Instant timestamp;
    private String traceId;
    private String spanId;
    private Map<String, Object> attributes = new LinkedHashMap<>();
    private boolean shared;

    private Builder(LogLevel level, String body) {
      level(level);
      body(body);
    }

    /**
     * Sets the level; {@code null} means INFO, {@link LogLevel#OFF} (a threshold) is sent as fatal.
     */
    public Builder level(LogLevel value) {
      this.level = value == null ? LogLevel.INFO : value == LogLevel.OFF ? LogLevel.FATAL : value;
      return this;
    }

    /** Sets the formatted body (at most {@link #MAX_BODY_LENGTH} characters are kept). */
    public Builder body(String value) {
      this.body = value == null ? "" : Strings.truncate(value, MAX_BODY_LENGTH);
      return this;
    }

    /** Sets when it was logged; default when built. */
    public Builder timestamp(Instant value) {
      this.timestamp = value;
      return this;
    }

    /**
     * Sets the trace and span it belongs to; default (or {@code null}) the calling thread's: its
     * current span's, else its scope's propagation context.
     */
    public Builder trace(TraceContext value) {
      this.traceId = value == null ? null : value.getTraceId();
      this.spanId = value == null ? null : value.getSpanId();
      return this;
    }

    /**
     * Sets trace and span ids. A trace id that is not 32 lowercase hex characters is replaced by
     * the calling thread's trace, a malformed span id is left out.
     *
     * @param traceId 32 lowercase hex characters, or {@code null} for the calling thread's trace
     * @param spanId 16 lowercase hex characters, or {@code null}
     */
    public Builder trace(String traceId, String spanId) {
      this.traceId = traceId;
      this.spanId = traceId == null ? null : spanId;
      return this;
    }

    /** Sets a {@code string} attribute; {@code null} removes it. */
    public Builder attribute(String name, String value) {
      return put(name, value == null ? null : Strings.truncate(value, MAX_ATTRIBUTE_LENGTH));
    }

    /** Sets an {@code integer} attribute. */
    public Builder attribute(String name, long value) {
      return put(name, value);
    }

    /** Sets a {@code double} attribute (NaN and infinities are sent as text). */
    public Builder attribute(String name, double value) {
      return put(name, Double.isFinite(value) ? (Object) value : Double.toString(value));
    }

    /** Sets a {@code boolean} attribute. */
    public Builder attribute(String name, boolean value) {
      return put(name, value);
    }

    /**
     * Sets an attribute from any value, keeping its JSON type where it has one: integers as {@code
     * integer}, floating point as {@code double}, booleans as {@code boolean}, everything else as
     * its text; {@code null} removes it.
     */
    public Builder attribute(String name, Object value) {
      return put(name, toAttributeValue(value));
    }

    /** Removes an attribute. */
    public Builder removeAttribute(String name) {
      return put(name, null);
    }

    Builder put(String name, Object value) {
      if (name == null) {
        return this;
      }
      if (shared) {
        attributes = new LinkedHashMap<>(attributes);
        shared = false;
      }
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
      return this;
    }

    /** The record. */
    public LogItem build() {
      return new LogItem(this);
    }
  }
}
