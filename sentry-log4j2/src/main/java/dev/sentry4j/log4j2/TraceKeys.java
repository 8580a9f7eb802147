package dev.sentry4j.log4j2;

/**
 * The context-data keys that carry the active span's ids, read once from system properties: {@value
 * SentryContextDataProvider#TRACE_ID_KEY_PROPERTY} (default {@value
 * SentryContextDataProvider#DEFAULT_TRACE_ID_KEY}) and {@value
 * SentryContextDataProvider#SPAN_ID_KEY_PROPERTY} (default {@value
 * SentryContextDataProvider#DEFAULT_SPAN_ID_KEY}). Immutable.
 */
final class TraceKeys {
  static final TraceKeys FROM_SYSTEM_PROPERTIES =
      new TraceKeys(
          property(
              SentryContextDataProvider.TRACE_ID_KEY_PROPERTY,
              SentryContextDataProvider.DEFAULT_TRACE_ID_KEY),
          property(
              SentryContextDataProvider.SPAN_ID_KEY_PROPERTY,
              SentryContextDataProvider.DEFAULT_SPAN_ID_KEY));

  final String traceIdKey;
  final String spanIdKey;

  TraceKeys(String traceIdKey, String spanIdKey) {
    this.traceIdKey = traceIdKey;
    this.spanIdKey = spanIdKey;
  }

  private static String property(String name, String fallback) {
    try {
      String value = System.getProperty(name);
      return value == null || value.trim().isEmpty() ? fallback : value.trim();
    } catch (SecurityException e) {
      return fallback;
    }
  }
}
