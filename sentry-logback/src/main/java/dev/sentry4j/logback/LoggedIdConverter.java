package dev.sentry4j.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * What {@link TraceIdConverter} and {@link SpanIdConverter} share: the optional MDC key option and
 * the lookup through {@link LoggedTrace}. Thread-safe once started.
 */
abstract class LoggedIdConverter extends ClassicConverter {
  private final boolean spanId;
  private String mdcKey;

  LoggedIdConverter(String defaultMdcKey, boolean spanId) {
    this.mdcKey = defaultMdcKey;
    this.spanId = spanId;
  }

  /** Reads the optional MDC key option. */
  @Override
  public void start() {
    String option = getFirstOption();
    if (option != null && !option.trim().isEmpty()) {
      mdcKey = option.trim();
    }
    super.start();
  }

  /** The id for the line, or an empty string. Never throws. */
  @Override
  public String convert(ILoggingEvent event) {
    return LoggedTrace.idToPrint(event, mdcKey, spanId);
  }
}
