package dev.sentry4j.log4j2;

import dev.sentry4j.spi.logging.LogCapture;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.util.ContextDataProvider;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * Adds the trace id and span id of the logging thread to the context data of every Log4j 2 event
 * (the active span's, else the thread's propagation context's: the ids an error captured there
 * carries, also without tracing configured), so that {@code %X{trace_id}} and {@code %X{span_id}}
 * print them in a {@code PatternLayout}, JSON layouts include them, and async loggers carry them to
 * the appender thread. Log4j 2 finds it through {@code META-INF/services}; there is nothing to
 * configure.
 *
 * <p>The keys are {@value #DEFAULT_TRACE_ID_KEY} and {@value #DEFAULT_SPAN_ID_KEY}, or the values
 * of the system properties {@value #TRACE_ID_KEY_PROPERTY} and {@value #SPAN_ID_KEY_PROPERTY} (read
 * once, when Log4j 2 loads this provider). A key that the ThreadContext already holds (put there by
 * the application, or through SLF4J's MDC by {@code sentry-slf4j-mdc}) is not added again: the
 * ThreadContext's value wins, whatever the order in which Log4j 2 asks its providers.
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
    boolean addTrace = !ThreadContext.containsKey(traceIdKey);
    boolean addSpan = !ThreadContext.containsKey(spanIdKey);
    if (!addTrace && !addSpan) {
      return Collections.emptyMap();
    }
    Map<String, String> data = new HashMap<>(4);
    if (addTrace) {
      putIfKnown(data, traceIdKey, LogCapture.currentTraceId());
    }
    if (addSpan) {
      putIfKnown(data, spanIdKey, LogCapture.currentSpanId());
    }
    return data;
  }

  @Override
  public StringMap supplyStringMap() {
    boolean addTrace = !ThreadContext.containsKey(traceIdKey);
    boolean addSpan = !ThreadContext.containsKey(spanIdKey);
    if (!addTrace && !addSpan) {
      return EMPTY;
    }
    String traceId = addTrace ? LogCapture.currentTraceId() : "";
    String spanId = addSpan ? LogCapture.currentSpanId() : "";
    if (traceId.isEmpty() && spanId.isEmpty()) {
      return EMPTY;
    }
    // a new map each time: Log4j may keep it as the event's context data and clear it on reuse
    StringMap data = new SortedArrayStringMap(2);
    if (!traceId.isEmpty()) {
      data.putValue(traceIdKey, traceId);
    }
    if (!spanId.isEmpty()) {
      data.putValue(spanIdKey, spanId);
    }
    return data;
  }

  @Override
  public Object getValue(String key) {
    boolean trace = traceIdKey.equals(key);
    if (!trace && !spanIdKey.equals(key)) {
      return null;
    }
    if (ThreadContext.containsKey(key)) {
      return null;
    }
    String id = trace ? LogCapture.currentTraceId() : LogCapture.currentSpanId();
    return id.isEmpty() ? null : id;
  }

  private static void putIfKnown(Map<String, String> data, String key, String id) {
    if (!id.isEmpty()) {
      data.put(key, id);
    }
  }

  private static StringMap frozenEmpty() {
    SortedArrayStringMap map = new SortedArrayStringMap(0);
    map.freeze();
    return map;
  }
}
