/**
 * Log4j 2 integration: the {@code <Sentry/>} appender ({@link dev.sentry4j.log4j2.SentryAppender}),
 * found through the plugin index without {@code packages=}, and {@link
 * dev.sentry4j.log4j2.SentryContextDataProvider}, which puts the active span's {@code trace_id} and
 * {@code span_id} into every log event's context data so that {@code %X{trace_id}} prints them.
 */
package dev.sentry4j.log4j2;
