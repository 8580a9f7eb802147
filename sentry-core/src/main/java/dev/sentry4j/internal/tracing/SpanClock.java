package dev.sentry4j.internal.tracing;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A transaction's clock: wall time read once when the transaction starts, plus a monotonic
 * nanosecond counter since then, so that durations are monotonic (a wall clock step during a
 * transaction changes no span's length). Times are epoch nanoseconds. Both sources are injectable
 * ({@link #start(Clock, LongSupplier)}) so tests drive time by hand. Immutable; thread-safe.
 * Internal, may change.
 */
public final class SpanClock {
  private final LongSupplier nanoTime;
  private final long anchorEpochNanos;
  private final long anchorNanoTime;

  private SpanClock(Clock wall, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    Instant now = wall.instant();
    this.anchorNanoTime = nanoTime.getAsLong();
    this.anchorEpochNanos = toEpochNanos(now);
  }

  /** A clock anchored now on the system's wall clock and {@link System#nanoTime()}. */
  public static SpanClock system() {
    return new SpanClock(Clock.systemUTC(), System::nanoTime);
  }

  /** A clock anchored now on {@code wall}, timing with {@code nanoTime}. */
  public static SpanClock start(Clock wall, LongSupplier nanoTime) {
    return new SpanClock(wall, nanoTime);
  }

  /** Now, in epoch nanoseconds on this clock. */
  long now() {
    return anchorEpochNanos + (nanoTime.getAsLong() - anchorNanoTime);
  }

  static long toEpochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static Instant toInstant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
