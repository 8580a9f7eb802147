package dev.sentry4j.internal.transport;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Lets {@code flush} and {@code close} wait for the workers: the workers call {@link #changed}
 * after each step, waiters re-check their condition. Waits are also cut into short slices, so a
 * missed signal costs at most a few milliseconds. Thread-safe.
 */
final class Progress {
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private final Object lock = new Object();

  /** Wakes every waiter to re-check its condition. */
  void changed() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /**
   * Waits until {@code done} holds or {@code System.nanoTime()} passes {@code deadline}.
   *
   * @return whether {@code done} held
   */
  boolean await(long deadline, BooleanSupplier done) {
    synchronized (lock) {
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, SLICE_NANOS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return done.getAsBoolean();
        }
      }
      return true;
    }
  }
}
