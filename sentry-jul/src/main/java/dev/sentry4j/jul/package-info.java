/**
 * java.util.logging integration: {@link dev.sentry4j.jul.SentryHandler} turns log records into
 * Sentry breadcrumbs and error events, and {@link dev.sentry4j.jul.TraceFormatter} prints the
 * active trace and span ids on the application's own log lines.
 *
 * <pre>{@code
 * # logging.properties
 * handlers=java.util.logging.ConsoleHandler,dev.sentry4j.jul.SentryHandler
 * dev.sentry4j.jul.SentryHandler.dsn=https://key@o1.ingest.sentry.io/42
 * java.util.logging.ConsoleHandler.formatter=dev.sentry4j.jul.TraceFormatter
 * dev.sentry4j.jul.TraceFormatter.format=%1$tF %1$tT %4$s [%7$s] %3$s - %5$s%6$s%n
 * }</pre>
 */
package dev.sentry4j.jul;
