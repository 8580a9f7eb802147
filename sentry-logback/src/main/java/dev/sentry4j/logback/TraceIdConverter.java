package dev.sentry4j.logback;

/**
 * Conversion word for the id of the trace a line was logged in: the current span's, else the
 * logging thread's propagation context's, so that it is there also without tracing configured, and
 * is the trace id of the event an error logged on that line becomes.
 *
 * <pre>{@code
 * <conversionRule conversionWord="traceId" class="dev.sentry4j.logback.TraceIdConverter"/>
 * <pattern>%d %-5level [%traceId] %logger - %msg%n</pattern>
 * }</pre>
 *
 * <p>In a synchronous appender the id is read on the logging thread. Behind {@code AsyncAppender}
 * the layout runs on Logback's worker thread, which cannot see that span; there the id comes from
 * the MDC entry {@code trace_id} that Logback froze with the event on the logging thread — add
 * {@code sentry-slf4j-mdc}, which keeps that entry in step with the active span, or the column
 * stays empty. The option {@code %traceId{key}} names another MDC key. Thread-safe.
 */
public final class TraceIdConverter extends LoggedIdConverter {
  /** Creates the converter (Logback does, once per pattern). */
  public TraceIdConverter() {
    super(LoggedTrace.TRACE_ID_KEY, false);
  }
}
