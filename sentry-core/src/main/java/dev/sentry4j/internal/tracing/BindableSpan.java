package dev.sentry4j.internal.tracing;

import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.tracing.Span;

/**
 * A span the SDK can make current: {@code Scopes} pushes a forked scope holding it and hands the
 * token here, so that finishing or closing the span restores what was current before. Internal, may
 * change.
 */
public interface BindableSpan extends Span {
  /**
   * Remembers that this span was made current on the calling thread.
   *
   * @param token restores the previous scopes; closed when the span finishes on this thread
   * @param scopes the scopes made current (transactions are captured with them)
   */
  void bind(ScopeToken token, TracingScopes scopes);
}
