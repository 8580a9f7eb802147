package dev.sentry4j.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts where the SDK absorbed an {@link OutOfMemoryError}: at the boundary of every public
 * capture call (it must never reach the application through {@code log.error} or {@code
 * Sentry.capture*}) and in the loops of its own threads (which must go on delivering once memory is
 * back). What was being worked on is dropped and counted by the caller, which also says so once in
 * the diagnostics when {@link #absorbed()} returns true. Internal, may change. Thread-safe.
 */
public final class OutOfMemory {
  private static final AtomicLong ABSORBED = new AtomicLong();

  private OutOfMemory() {}

  /** Counts an absorbed error; true for the first one of the process (to be reported once). */
  public static boolean absorbed() {
    return ABSORBED.getAndIncrement() == 0;
  }

  /** Errors absorbed since the process started. */
  public static long count() {
    return ABSORBED.get();
  }
}
