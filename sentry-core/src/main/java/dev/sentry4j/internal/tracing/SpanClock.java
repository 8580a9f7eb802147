package dev.sentry4j.internal.tracing;

import java.time.Instant;

/**
 * A transaction's clock: wall time read once when the transaction starts, plus {@link
 * System#nanoTime()} since then, so that durations are monotonic (a wall clock step during a
 * transaction changes no span's length). Times are epoch nanoseconds. Immutable; thread-safe.
 */
final class SpanClock {
  private final long anchorEpochNanos;
  private final long anchorNanoTime;

  SpanClock() {
    Instant now = Instant.now();
    this.anchorNanoTime = System.nanoTime();
    this.anchorEpochNanos = toEpochNanos(now);
  }

  /** Now, in epoch nanoseconds on this clock. */
  long now() {
    return anchorEpochNanos + (System.nanoTime() - anchorNanoTime);
  }

  static long toEpochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static Instant toInstant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
