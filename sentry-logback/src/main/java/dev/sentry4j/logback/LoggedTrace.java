package dev.sentry4j.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.TraceKeys;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.TraceContext;
import java.util.Map;

/**
 * Which trace a Logback event belongs to. On the thread that logged (a synchronous appender) the
 * live span is the truth. Anywhere else (behind {@code AsyncAppender}, events read from a socket)
 * the only trustworthy data is what was frozen with the event on the logging thread: the MDC keys
 * {@link #TRACE_ID_KEY} and {@link #SPAN_ID_KEY} that sentry-slf4j-mdc maintains. The delivering
 * thread's own span or scope is never used. Thread-safe (stateless).
 */
final class LoggedTrace {
  /** MDC key of the trace id, as sentry-slf4j-mdc writes it (setting {@code mdc.traceIdKey}). */
  static final String TRACE_ID_KEY = orDefault(TraceKeys.configured().traceIdKey(), "trace_id");

  /** MDC key of the span id, as sentry-slf4j-mdc writes it (setting {@code mdc.spanIdKey}). */
  static final String SPAN_ID_KEY = orDefault(TraceKeys.configured().spanIdKey(), "span_id");

  private LoggedTrace() {}

  private static String orDefault(String key, String fallback) {
    return key == null ? fallback : key;
  }

  /**
   * Whether the event is being handled on the thread that logged it. Logback freezes the thread
   * name of deferred events ({@code AsyncAppender}) and reads it lazily for the others, so a name
   * that differs from the current thread's means the event came from elsewhere.
   */
  static boolean isOnLoggingThread(ILoggingEvent event) {
    String name = event.getThreadName();
    return name != null && name.equals(Thread.currentThread().getName());
  }

  /**
   * The trace context for an event made from this log line: the live one on the logging thread;
   * from the frozen MDC keys elsewhere; else a new, unrelated trace, so that lines from an async
   * worker are not all linked to the worker thread's trace.
   */
  static TraceContext forEvent(ILoggingEvent event, boolean onLoggingThread) {
    if (onLoggingThread) {
      return LogCapture.currentTrace();
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null) {
      String traceId = mdc.get(TRACE_ID_KEY);
      String spanId = mdc.get(SPAN_ID_KEY);
      if (isHex(traceId, 32) && isHex(spanId, 16)) {
        return new TraceContext(traceId, spanId, null, null, null, null);
      }
    }
    return PropagationContext.newTrace().toTraceContext();
  }

  /**
   * The id to print for a pattern's {@code %traceId} / {@code %spanId}: on the logging thread the
   * current span's, else the thread's propagation context's (so also without tracing, the id the
   * event of an error logged here carries); the event's MDC entry {@code mdcKey} elsewhere (empty
   * when absent). Never throws.
   */
  static String idToPrint(ILoggingEvent event, String mdcKey, boolean spanId) {
    try {
      if (isOnLoggingThread(event)) {
        // the current span's, else the propagation context's: the ids errors captured here carry
        return spanId ? LogCapture.currentSpanId() : LogCapture.currentTraceId();
      }
      Map<String, String> mdc = event.getMDCPropertyMap();
      String id = mdc == null ? null : mdc.get(mdcKey);
      return id == null ? "" : id;
    } catch (RuntimeException e) {
      return "";
    }
  }

  static boolean isHex(String value, int length) {
    if (value == null || value.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
