package dev.sentry4j.spi;

import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;

/**
 * Told when the current span of a thread changes, on that thread. Integrations use it to keep
 * per-thread state in step with the trace, e.g. MDC keys {@code trace_id} and {@code span_id}.
 *
 * <p>Implementations are found once, when the SDK's scope storage is first used, with {@link
 * java.util.ServiceLoader} from the thread context class loader and the SDK's class loader: list
 * the class in {@code META-INF/services/dev.sentry4j.spi.SpanListener}; it needs a public
 * no-argument constructor. When none is registered the SDK pays a single null check per scope
 * change.
 *
 * <p>Called on the thread whose current span changed:
 *
 * <ul>
 *   <li>{@link #onPushed}: after a scope is pushed ({@code Sentry.startTransaction}, {@code
 *       Sentry.startSpan}, {@code Sentry.continueTrace}, {@code Sentry.newScope()}, {@code
 *       Sentry.newIsolationScope()}, {@code SentryContext.wrap}ped tasks ...) — but only when the
 *       current span or the propagation context differs from before;
 *   <li>{@link #onRestored}: after the token, span or transaction of such a push is closed or
 *       finished on that thread (or an outer one is, which ends it too);
 *   <li>{@link #onCurrentSpanChanged}: after a push that changed nothing is undone and the span or
 *       propagation context differs all the same (it was replaced in place meanwhile), and after
 *       {@code Sentry.continueTrace} replaced the thread's propagation context in place.
 * </ul>
 *
 * <p>{@link #onPushed} and {@link #onRestored} tell a push from its undoing, for listeners that
 * must put back what they found (the MDC values a user had set under the same keys, say); by
 * default both call {@link #onCurrentSpanChanged}, which is all a simple listener implements. No
 * call is made when a thread first gets its scopes, nor by {@code Sentry.close()}.
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

  /**
   * A scope push changed the current span or propagation context of the calling thread. Returns
   * what this listener needs to undo it (e.g. the values it overwrote); the SDK keeps it with the
   * pushed scope and hands it to {@link #onRestored} when that push is undone. By default it calls
   * {@link #onCurrentSpanChanged} and returns {@code null}.
   *
   * @param span the span now current, or {@code null} when none is
   * @param propagationContext the thread's propagation context, never {@code null}
   * @return anything, or {@code null}
   */
  default Object onPushed(Span span, PropagationContext propagationContext) {
    onCurrentSpanChanged(span, propagationContext);
    return null;
  }

  /**
   * A push for which {@link #onPushed} was called was undone on the calling thread: its token
   * (span, transaction) was closed, or an outer one was, which also undoes every push made inside
   * it. Then {@code memento} is what {@code onPushed} returned for the outermost push undone, so
   * that state saved before the first of them comes back. By default it calls {@link
   * #onCurrentSpanChanged}.
   *
   * @param memento what {@code onPushed} returned for that push (may be {@code null})
   * @param span the span now current, or {@code null} when none is
   * @param propagationContext the thread's propagation context, never {@code null}
   */
  default void onRestored(Object memento, Span span, PropagationContext propagationContext) {
    onCurrentSpanChanged(span, propagationContext);
  }
}
