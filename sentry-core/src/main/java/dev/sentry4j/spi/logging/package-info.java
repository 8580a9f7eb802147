/**
 * The neutral log mapping every adapter uses: an adapter reads its framework's record into a {@link
 * dev.sentry4j.spi.logging.LogRecord} and hands it to {@link dev.sentry4j.spi.logging.LogCapture},
 * which applies the thresholds and turns it into a breadcrumb, an error event and/or a Sentry Log
 * with the MDC, markers, key-value pairs, exception chain and trace context mapped the same way for
 * every framework.
 */
package dev.sentry4j.spi.logging;
