package dev.sentry4j.tracing;

/**
 * Told when the current span of a thread changes, on that thread. Integrations use it to keep
 * per-thread state in step with the trace, e.g. MDC keys {@code trace_id} and {@code span_id}.
 *
 * <p>Implementations are found once, when the SDK's scope storage is first used, with {@link
 * java.util.ServiceLoader} from the thread context class loader and the SDK's class loader: list the
 * class in {@code META-INF/services/dev.sentry4j.tracing.SpanListener}; it needs a public no-argument
 * constructor. When none is registered the SDK pays a single null check per scope change.
 *
 * <p>Called on the thread whose current span changed:
 *
 * <ul>
 *   <li>after a scope is pushed ({@code Sentry.startTransaction}, {@code Sentry.startSpan}, {@code
 *       Sentry.continueTrace}, {@code Sentry.newScope()}, {@code Sentry.newIsolationScope()} ...) and
 *       after the token, span or transaction that pushed it is closed or finished — but only when the
 *       current span or the propagation context actually differs from before;
 *   <li>after {@code Sentry.continueTrace} replaced the thread's propagation context in place.
 * </ul>
 *
 * <p>It must be fast, must not throw (exceptions are caught and reported in the SDK's diagnostics)
 * and must not start or finish spans itself.
 */
public interface SpanListener {
  /**
   * The current span of the calling thread changed.
   *
   * @param span the span now current, or {@code null} when none is
   * @param propagationContext the thread's propagation context, never {@code null}: its trace and
   *     span id are what events and log lines carry when {@code span} is {@code null}
   */
  void onCurrentSpanChanged(Span span, PropagationContext propagationContext);
}
