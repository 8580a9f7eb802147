package dev.sentry4j.scope;

import dev.sentry4j.tracing.TraceContext;
import java.util.Map;

/**
 * The three scopes a capture reads — global, isolation and current, merged in that order with the
 * more specific winning — and the trace they are in. What {@link
 * dev.sentry4j.client.SentryClient}'s capture methods take; the SDK hands in the calling thread's.
 */
public interface ScopeLayers {
  /** The process-wide scope. */
  Scope getGlobalScope();

  /** The request's or thread's scope. */
  Scope getIsolationScope();

  /** The innermost scope. */
  Scope getCurrentScope();

  /** The trace context of the current span, else of the propagation context; never null. */
  TraceContext getTraceContext();

  /**
   * The Dynamic Sampling Context of the trace (frozen on first use), or an empty map when there is
   * none to send.
   */
  Map<String, String> getDynamicSamplingContext();
}
