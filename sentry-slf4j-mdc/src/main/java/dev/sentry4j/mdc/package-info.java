/**
 * sentry-slf4j-mdc: the active trace in the SLF4J MDC, the MDC in events, and the MDC across
 * threads. Being on the classpath is all it takes; sentry-core finds its parts with {@link
 * java.util.ServiceLoader}:
 *
 * <ul>
 *   <li>{@link dev.sentry4j.mdc.MdcTraceListener} keeps MDC keys {@code trace_id}, {@code span_id}
 *       and {@code trace_sampled} in step with the current span, so {@code %X{trace_id}} works in
 *       any Logback or Log4j 2 pattern, and {@code MDC.get("trace_id")} in any code;
 *   <li>{@link dev.sentry4j.mdc.MdcContextCarrier} makes {@code SentryContext.wrap(...)} carry the
 *       MDC to other threads;
 *   <li>{@link dev.sentry4j.mdc.MdcTagsProcessor} copies the MDC keys named by {@code
 *       sentry.mdc.tags} into error events as tags.
 * </ul>
 *
 * <p>Settings ({@code sentry.mdc.*} system properties, {@code SENTRY_MDC_*} environment variables,
 * {@code mdc.*} keys in {@code sentry.properties}) are described in the module's README.
 */
package dev.sentry4j.mdc;
