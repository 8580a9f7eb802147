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

  /**
   * {@link #enter()} for a hot path: marks this thread busy and returns its mark, or {@code null}
   * when it already was busy (then do nothing, and no exit). Hand the mark to {@link
   * #exit(Object)}, which clears it without reading the thread-local again. The mark is a JDK type,
   * so a pool thread keeps no SDK class alive through it.
   *
   * <pre>{@code
   * Object entry = ReentryGuard.tryEnter();
   * if (entry == null) return;
   * try { ... } finally { ReentryGuard.exit(entry); }
   * }</pre>
   */
  public static Object tryEnter() {
    boolean[] active = ACTIVE.get();
    if (active[0]) {
      return null;
    }
    active[0] = true;
    return active;
  }

  /** Ends what {@link #tryEnter()} began, given the mark it returned. */
  public static void exit(Object entry) {
    ((boolean[]) entry)[0] = false;
  }
}
