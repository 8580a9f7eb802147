package dev.sentry4j.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Conversion word for the id of the span a line was logged in: empty outside spans.
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
public final class SpanIdConverter extends ClassicConverter {
  private String mdcKey = LoggedTrace.SPAN_ID_KEY;

  /** Creates the converter (Logback does, once per pattern). */
  public SpanIdConverter() {}

  /** Reads the optional MDC key option. */
  @Override
  public void start() {
    String option = getFirstOption();
    if (option != null && !option.trim().isEmpty()) {
      mdcKey = option.trim();
    }
    super.start();
  }

  /** The span id for the line, or an empty string. Never throws. */
  @Override
  public String convert(ILoggingEvent event) {
    return LoggedTrace.idToPrint(event, mdcKey, true);
  }
}
