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
 * the appender thread.
 *
 * <p><b>Not registered by this jar any more</b>: {@link ThreadContextTraceListener} writes the same
 * keys into the ThreadContext at span switches instead. With this provider registered beside
 * Log4j's own, Log4j 2's default injector copies every event's context into a new map (about 200 B
 * per line). Kept for applications that register it themselves (a {@code
 * META-INF/services/org.apache.logging.log4j.core.util.ContextDataProvider} file naming this class)
 * to get ids also on the first line of a thread that never used Sentry; it then adds only keys the
 * ThreadContext lacks, so it never duplicates the listener's.
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

  /**
   * Per thread, the map {@link #supplyContextData} last returned, reused while the ids are the
   * same: a line allocates nothing here unless the thread's span or trace changed since its last
   * line. Held as {@code {traceId, spanId, map}}, JDK types only, so that a pooled thread outliving
   * a redeployed application keeps none of this jar's classes loaded.
   */
  private final ThreadLocal<Object[]> lastSupplied = new ThreadLocal<>();

  /** The provider with the keys from the system properties (what the ServiceLoader creates). */
  public SentryContextDataProvider() {
    this(TraceKeys.FROM_SYSTEM_PROPERTIES);
  }

  SentryContextDataProvider(TraceKeys keys) {
    this.traceIdKey = keys.traceIdKey;
    this.spanIdKey = keys.spanIdKey;
  }

  /**
   * The ids of the active span (else of the thread's propagation context) under the two keys. A key
   * the ThreadContext already holds is left out: the application's (or sentry-slf4j-mdc's) value
   * wins.
   *
   * <p>The map is unmodifiable and shared: the same instance is returned for every line of a thread
   * while its ids stay the same (Log4j 2's default injector only copies it into the event's own
   * map), so this provider allocates nothing per line, in or outside spans.
   */
  @Override
  public Map<String, String> supplyContextData() {
    boolean addTrace = !ThreadContext.containsKey(traceIdKey);
    boolean addSpan = !ThreadContext.containsKey(spanIdKey);
    if (!addTrace && !addSpan) {
      return Collections.emptyMap();
    }
    String traceId = addTrace ? LogCapture.currentTraceId() : "";
    String spanId = addSpan ? LogCapture.currentSpanId() : "";
    Object[] last = lastSupplied.get();
    if (last != null && same(last[0], traceId) && same(last[1], spanId)) {
      @SuppressWarnings("unchecked")
      Map<String, String> data = (Map<String, String>) last[2];
      return data;
    }
    Map<String, String> data = new HashMap<>(4);
    putIfKnown(data, traceIdKey, traceId);
    putIfKnown(data, spanIdKey, spanId);
    Map<String, String> shared = Collections.unmodifiableMap(data);
    lastSupplied.set(new Object[] {traceId, spanId, shared});
    return shared;
  }

  /** The ids are the span's (or propagation context's) own Strings: identity is the usual match. */
  private static boolean same(Object cached, String id) {
    return cached == id || id.equals(cached);
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
    // a new map each time: Log4j's copy-on-write and garbage-free injectors may keep it as the
    // event's context data (clearing it on reuse); the default injector asks supplyContextData
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
