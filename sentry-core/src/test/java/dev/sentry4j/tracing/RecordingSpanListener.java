package dev.sentry4j.tracing;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SpanListener} registered in this module's test resources; records calls on threads that
 * asked for it, and throws for spans named {@code listener-boom} to prove the SDK contains it.
 */
public final class RecordingSpanListener implements SpanListener {
  /** One call: the span (or null) and the propagation context's trace id. */
  static final class Call {
    final Span span;
    final PropagationContext context;

    Call(Span span, PropagationContext context) {
      this.span = span;
      this.context = context;
    }
  }

  private static final ThreadLocal<List<Call>> CALLS = new ThreadLocal<>();

  static void start() {
    CALLS.set(new ArrayList<>());
  }

  static List<Call> stop() {
    List<Call> calls = CALLS.get();
    CALLS.remove();
    return calls;
  }

  @Override
  public void onCurrentSpanChanged(Span span, PropagationContext propagationContext) {
    List<Call> calls = CALLS.get();
    if (calls != null) {
      calls.add(new Call(span, propagationContext));
      if (span != null && "listener-boom".equals(span.getOperation())) {
        throw new IllegalStateException("listener failure");
      }
    }
  }
}
