package dev.sentry4j.internal.tracing;

import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import java.util.concurrent.Callable;

/**
 * Runs code inside a span that sees how the code ended, which try-with-resources cannot: an
 * exception or error leaving the code sets the span's status to {@code internal_error} (unless the
 * code set another status than {@code ok}), finishes the span and is re-thrown unchanged. Python's
 * {@code with start_span(...)} and {@code @trace} do the same. Internal, may change. Thread-safe
 * (stateless).
 */
public final class TracedCall {
  private TracedCall() {}

  /** Runs {@code callable} in {@code span}, then finishes it; exceptions are re-thrown. */
  public static <T> T call(Span span, Callable<T> callable) throws Exception {
    T result;
    try {
      result = callable.call();
    } catch (Throwable t) { // NOPMD: re-thrown below, unchanged
      failed(span);
      throw t;
    }
    span.finish();
    return result;
  }

  /** Runs {@code runnable} in {@code span}, then finishes it; exceptions are re-thrown. */
  public static void run(Span span, Runnable runnable) {
    try {
      runnable.run();
    } catch (Throwable t) { // NOPMD: re-thrown below, unchanged
      failed(span);
      throw t;
    }
    span.finish();
  }

  private static void failed(Span span) {
    try {
      SpanStatus status = span.getStatus();
      span.finish(status == null || status == SpanStatus.OK ? SpanStatus.INTERNAL_ERROR : status);
    } catch (RuntimeException e) {
      // a span never throws; if one did, the application's exception still wins
    }
  }
}
