package dev.sentry4j.spi;

/**
 * Stops a log call made while the SDK handles another one on the same thread (by an argument's
 * {@code toString()}, by a {@code beforeSend} callback) from being captured again. Thread-safe: the
 * state is per thread.
 *
 * <pre>{@code
 * if (!ReentryGuard.enter()) return;
 * try { capture.capture(record); } finally { ReentryGuard.exit(); }
 * }</pre>
 */
public final class ReentryGuard {
  private static final ThreadLocal<boolean[]> ACTIVE =
      ThreadLocal.withInitial(() -> new boolean[1]);

  private ReentryGuard() {}

  /** Marks this thread busy; returns false when it already was (then do nothing, and no exit). */
  public static boolean enter() {
    boolean[] active = ACTIVE.get();
    if (active[0]) {
      return false;
    }
    active[0] = true;
    return true;
  }

  /** Ends what {@link #enter()} began. */
  public static void exit() {
    ACTIVE.get()[0] = false;
  }
}
