package dev.sentry4j.tracing;

import dev.sentry4j.spi.SpanListener;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SpanListener} registered in this module's test resources; records calls on threads that
 * asked for it, and throws for spans named {@code listener-boom} to prove the SDK contains it. Each
 * push returns a memento naming its span (or trace), recorded again when the push is undone.
 */
public final class RecordingSpanListener implements SpanListener {
  /**
   * One call: its kind, the span (or null), the propagation context and the memento handed back.
   */
  static final class Call {
    final String kind;
    final Span span;
    final PropagationContext context;
    final Object memento;

    Call(String kind, Span span, PropagationContext context, Object memento) {
      this.kind = kind;
      this.span = span;
      this.context = context;
      this.memento = memento;
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

  /** The memento a push of {@code span} (or, with none, of the trace) returns. */
  static String mementoOf(Span span, PropagationContext context) {
    return "pushed " + (span != null ? span.getSpanId() : context.getSpanId());
  }

  private static void record(String kind, Span span, PropagationContext context, Object memento) {
    List<Call> calls = CALLS.get();
    if (calls != null) {
      calls.add(new Call(kind, span, context, memento));
      if (span != null && "listener-boom".equals(span.getOperation())) {
        throw new IllegalStateException("listener failure");
      }
    }
  }

  @Override
  public void onCurrentSpanChanged(Span span, PropagationContext propagationContext) {
    record("changed", span, propagationContext, null);
  }

  @Override
  public Object onPushed(Span span, PropagationContext propagationContext) {
    String memento = mementoOf(span, propagationContext);
    record("pushed", span, propagationContext, memento);
    return memento;
  }

  @Override
  public void onRestored(Object memento, Span span, PropagationContext propagationContext) {
    record("restored", span, propagationContext, memento);
  }
}
