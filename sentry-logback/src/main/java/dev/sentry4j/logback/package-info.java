/**
 * Logback integration: {@link dev.sentry4j.logback.SentryAppender} turns logging events into Sentry
 * breadcrumbs, error events and Sentry Logs through sentry-core's neutral log mapping, and the
 * {@code %traceId} / {@code %spanId} converters ({@link dev.sentry4j.logback.TraceIdConverter},
 * {@link dev.sentry4j.logback.SpanIdConverter}) print the active trace on the application's own
 * lines. Uses only sentry-core's user API and SPI.
 */
package dev.sentry4j.logback;
