/**
 * Log4j 2 integration: the {@code <Sentry/>} appender ({@link dev.sentry4j.log4j2.SentryAppender}),
 * found through the plugin index without {@code packages=}, and {@link
 * dev.sentry4j.log4j2.ThreadContextTraceListener}, which keeps the active span's {@code trace_id},
 * {@code span_id} and {@code trace_sampled} in the ThreadContext so that {@code %X{trace_id}}
 * prints them ({@link dev.sentry4j.log4j2.SentryContextDataProvider}, the earlier way, is kept but
 * no longer registered).
 */
package dev.sentry4j.log4j2;
