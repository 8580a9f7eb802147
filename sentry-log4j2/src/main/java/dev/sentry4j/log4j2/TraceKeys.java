package dev.sentry4j.log4j2;

/**
 * The context-data keys that carry the active span's ids: the one setting {@code mdc.traceIdKey} /
 * {@code mdc.spanIdKey} of {@link dev.sentry4j.spi.logging.TraceKeys} (read once; the earlier
 * system properties {@value SentryContextDataProvider#TRACE_ID_KEY_PROPERTY} and {@value
 * SentryContextDataProvider#SPAN_ID_KEY_PROPERTY} are its aliases), where the appender reads the
 * ids of async events and where {@link SentryContextDataProvider} writes them: a key configured as
 * empty falls back to its default here ({@link ThreadContextTraceListener} writes no such key).
 * Immutable.
 */
final class TraceKeys {
  static final TraceKeys FROM_SYSTEM_PROPERTIES =
      new TraceKeys(
          orDefault(
              dev.sentry4j.spi.logging.TraceKeys.configured().traceIdKey(),
              SentryContextDataProvider.DEFAULT_TRACE_ID_KEY),
          orDefault(
              dev.sentry4j.spi.logging.TraceKeys.configured().spanIdKey(),
              SentryContextDataProvider.DEFAULT_SPAN_ID_KEY));

  final String traceIdKey;
  final String spanIdKey;

  TraceKeys(String traceIdKey, String spanIdKey) {
    this.traceIdKey = traceIdKey;
    this.spanIdKey = spanIdKey;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
