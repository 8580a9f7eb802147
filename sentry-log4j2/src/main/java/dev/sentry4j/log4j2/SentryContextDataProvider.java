package dev.sentry4j.log4j2;

import dev.sentry4j.Sentry;
import dev.sentry4j.tracing.Span;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.util.ContextDataProvider;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * Adds the active span's trace id and span id to the context data of every Log4j 2 event, so that
 * {@code %X{trace_id}} and {@code %X{span_id}} print them in a {@code PatternLayout}, JSON layouts
 * include them, and async loggers carry them to the appender thread. Log4j 2 finds it through {@code
 * META-INF/services}; there is nothing to configure.
 *
 * <p>The keys are {@value #DEFAULT_TRACE_ID_KEY} and {@value #DEFAULT_SPAN_ID_KEY}, or the values of
 * the system properties {@value #TRACE_ID_KEY_PROPERTY} and {@value #SPAN_ID_KEY_PROPERTY} (read once,
 * when Log4j 2 loads this provider). With no active span ({@code Sentry.getCurrentSpan()} is {@code
 * null}), nothing is added and nothing is allocated. A key that the ThreadContext already holds (put
 * there by the application, or through SLF4J's MDC by {@code sentry-slf4j-mdc}) is not added again:
 * the ThreadContext's value wins, whatever the order in which Log4j 2 asks its providers.
 *
 * <p>Thread-safe: it reads the calling thread's scopes, which is the logging thread.
 */
public final class SentryContextDataProvider implements ContextDataProvider {
  /** System property naming the trace id key. */
  public static final String TRACE_ID_KEY_PROPERTY = "sentry.log4j2.traceIdKey";
  /** System property naming the span id key. */
  public static final String SPAN_ID_KEY_PROPERTY = "sentry.log4j2.spanIdKey";
  /** Default trace id key. */
  public static final String DEFAULT_TRACE_ID_KEY = "trace_id";
  /** Default span id key. */
  public static final String DEFAULT_SPAN_ID_KEY = "span_id";

  private static final StringMap EMPTY = frozenEmpty();

  private final String traceIdKey;
  private final String spanIdKey;

  /** The provider with the keys from the system properties (what the ServiceLoader creates). */
  public SentryContextDataProvider() {
    this(TraceKeys.FROM_SYSTEM_PROPERTIES);
  }

  SentryContextDataProvider(TraceKeys keys) {
    this.traceIdKey = keys.traceIdKey;
    this.spanIdKey = keys.spanIdKey;
  }

  /**
   * The active span's ids under the two keys, or an empty map when no span is active. A key the
   * ThreadContext already holds is left out: the application's (or sentry-slf4j-mdc's) value wins.
   */
  @Override
  public Map<String, String> supplyContextData() {
    Span span = activeSpan();
    if (span == null) {
      return Collections.emptyMap();
    }
    Map<String, String> data = new HashMap<>(4);
    if (!ThreadContext.containsKey(traceIdKey)) {
      data.put(traceIdKey, span.getTraceId());
    }
    if (!ThreadContext.containsKey(spanIdKey)) {
      data.put(spanIdKey, span.getSpanId());
    }
    return data;
  }

  /** Like {@link #supplyContextData()}, in the form Log4j 2 merges without copying. */
  @Override
  public StringMap supplyStringMap() {
    Span span = activeSpan();
    if (span == null) {
      return EMPTY;
    }
    boolean addTrace = !ThreadContext.containsKey(traceIdKey);
    boolean addSpan = !ThreadContext.containsKey(spanIdKey);
    if (!addTrace && !addSpan) {
      return EMPTY;
    }
    StringMap data = new SortedArrayStringMap(2);
    if (addTrace) {
      data.putValue(traceIdKey, span.getTraceId());
    }
    if (addSpan) {
      data.putValue(spanIdKey, span.getSpanId());
    }
    return data;
  }

  /** One key's value ({@code ${ctx:trace_id}} lookups), without building a map. */
  @Override
  public Object getValue(String key) {
    boolean trace = traceIdKey.equals(key);
    if (!trace && !spanIdKey.equals(key)) {
      return null;
    }
    Span span = activeSpan();
    if (span == null || ThreadContext.containsKey(key)) {
      return null;
    }
    return trace ? span.getTraceId() : span.getSpanId();
  }

  private static Span activeSpan() {
    try {
      return Sentry.getCurrentSpan();
    } catch (RuntimeException e) {
      // a log call must never fail because of us; without a span there is nothing to add
      return null;
    }
  }

  private static StringMap frozenEmpty() {
    SortedArrayStringMap map = new SortedArrayStringMap(0);
    map.freeze();
    return map;
  }
}
