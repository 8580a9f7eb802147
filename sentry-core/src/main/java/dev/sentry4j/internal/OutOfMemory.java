package dev.sentry4j.internal;

import dev.sentry4j.spi.Diagnostics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the SDK absorbs an {@link OutOfMemoryError}: at the boundary of every public capture call
 * (it must never reach the application through {@code log.error} or {@code Sentry.capture*}) and in
 * the loops of its own threads (which must go on delivering once memory is back). What was being
 * worked on is dropped and counted by the caller; this class counts the errors and says so once,
 * without allocating more than a few objects. Internal, may change. Thread-safe.
 */
public final class OutOfMemory {
  private static final AtomicLong ABSORBED = new AtomicLong();

  private OutOfMemory() {}

  /** Counts an absorbed error; the first one is reported through the diagnostics, quietly. */
  public static void absorbed(String where, OutOfMemoryError e) {
    if (ABSORBED.getAndIncrement() == 0) {
      try {
        Diagnostics.error(
            "out-of-memory",
            "Out of memory in " + where + "; the item at hand is dropped and counted, the SDK goes on",
            e);
      } catch (Throwable ignored) { // NOPMD: still no memory; the count is enough
      }
    }
  }

  /** Errors absorbed since the process started. */
  public static long count() {
    return ABSORBED.get();
  }
}
