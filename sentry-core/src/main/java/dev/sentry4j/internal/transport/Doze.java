package dev.sentry4j.internal.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The short sleeps of an SDK thread while work keeps coming: after a piece of work the thread does
 * not wait to be woken but sleeps {@link #NANOS} and looks again, at most {@link #LOOKS} times in a
 * row that find nothing; then it waits to be woken as usual. A queue or condition wakes only a
 * thread waiting in it, so while the thread dozes the threads handing it work (the application's
 * capturing thread among them) make no wake-up call (a system call and a context switch); the work
 * is seen at most {@link #NANOS} later. An idle SDK does not poll.
 *
 * <p>One per thread: only its thread calls {@link #busy}, {@link #stop}, {@link #canDoze}, {@link
 * #sleep} and {@link #take}; {@link #count} may be read from any thread (tests).
 */
final class Doze {
  /** How long one doze sleeps at most. */
  static final long NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  /** Looks in a row that find nothing before the thread waits to be woken again. */
  static final int LOOKS = 3;

  private int left;
  private volatile long count; // written by the owning thread only

  /** The thread did some work: it may doze again before it next waits. */
  void busy() {
    left = LOOKS;
  }

  /** No more dozes until the next {@link #busy}: the thread must be woken (say, by an answer). */
  void stop() {
    left = 0;
  }

  /** Whether the thread should doze rather than wait to be woken. */
  boolean canDoze() {
    return left > 0;
  }

  /** Counts one doze and sleeps for {@code nanos}, at most {@link #NANOS} (at least 1 ns). */
  void sleep(long nanos) {
    take();
    LockSupport.parkNanos(Math.max(1, Math.min(NANOS, nanos)));
  }

  /** Counts one doze without sleeping (the caller sleeps in its own way). */
  void take() {
    left--;
    count++; // NOPMD: one writer
  }

  /** Dozes so far. */
  long count() {
    return count;
  }
}
