/**
 * The SDK's configuration: the immutable {@link dev.sentry4j.options.SentryOptions} with its flat
 * builder and callbacks ({@code beforeSend}, {@code beforeSendLog}, {@code tracesSampler}, ...),
 * and the parsed {@link dev.sentry4j.options.Dsn}. Reading options from text (sentry.properties,
 * {@code SENTRY_*}, {@code -Dsentry.*}, appender properties) is the job of {@code
 * dev.sentry4j.spi.config}, which depends on this package and not the other way round.
 */
package dev.sentry4j.options;
