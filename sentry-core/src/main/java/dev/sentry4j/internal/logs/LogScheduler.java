package dev.sentry4j.internal.logs;

import java.time.Duration;

/**
 * Runs the log batcher's flushes later: "now" when a batch is full, after {@code logsFlushInterval}
 * for the time-based flush. The default runs them on one SDK-owned daemon thread ({@code
 * sentry4j-logs}, started with the first task); tests pass a hand-driven one so that no test
 * sleeps. Internal, may change. Implementations are thread-safe.
 */
public interface LogScheduler {
  /**
   * Runs {@code task} once after {@code delay} ({@link Duration#ZERO}: as soon as possible). Never
   * throws; after {@link #shutdown()} the task is ignored.
   */
  void schedule(Runnable task, Duration delay);

  /** Stops: pending tasks are dropped, the thread ends. */
  void shutdown();

  /** The default: one SDK daemon thread, made when first needed. */
  static LogScheduler sdkThread() {
    return new SdkThreadLogScheduler();
  }
}
