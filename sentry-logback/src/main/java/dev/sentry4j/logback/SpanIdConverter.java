package dev.sentry4j.logback;

/**
 * Conversion word for the id of the span a line was logged in: the current span's, else the logging
 * thread's propagation context's (the {@code span_id} of an event captured there).
 *
 * <pre>{@code
 * <conversionRule conversionWord="spanId" class="dev.sentry4j.logback.SpanIdConverter"/>
 * <pattern>%d %-5level [%traceId/%spanId] %logger - %msg%n</pattern>
 * }</pre>
 *
 * <p>Behind {@code AsyncAppender} the id comes from the MDC entry {@code span_id} frozen with the
 * event (maintained by {@code sentry-slf4j-mdc}); see {@link TraceIdConverter}. The option {@code
 * %spanId{key}} names another MDC key. Thread-safe.
 */
public final class SpanIdConverter extends LoggedIdConverter {
  /** Creates the converter (Logback does, once per pattern). */
  public SpanIdConverter() {
    super(LoggedTrace.SPAN_ID_KEY, true);
  }
}
