package dev.sentry4j.internal.client;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Remembers the last {@value #CAPACITY} captured throwables weakly, by <b>identity</b>, so that the
 * same exception object (or one of its causes, already sent on its own) is sent once, as when a log
 * line and the uncaught handler both see it. Two distinct exceptions that are {@code equals} (a
 * class comparing error codes) are two events: {@code equals} and {@code hashCode} are never
 * called.
 *
 * <p>Bounded work on the capturing thread: at most {@value #MAX_CAUSE_DEPTH} links of the cause
 * chain are looked at (so a cycle or an endless {@code getCause()} ends there), each against at
 * most {@value #CAPACITY} remembered throwables, whatever the chain's length. A cause deeper than
 * that which was captured before is not recognised: it is sent again. Thread-safe.
 */
final class Deduplicator {
  /** Links of a cause chain looked at, the captured throwable included. */
  static final int MAX_CAUSE_DEPTH = 16;

  /** Throwables remembered (the most recent ones). */
  static final int CAPACITY = 128;

  private final AtomicReferenceArray<WeakReference<Throwable>> ring =
      new AtomicReferenceArray<>(CAPACITY);
  private final AtomicInteger next = new AtomicInteger();

  /** Whether {@code t} or one of its first causes was captured before. */
  boolean isDuplicate(Throwable t) {
    Throwable c = t;
    for (int depth = 0; c != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (contains(c)) {
        return true;
      }
      c = causeOf(c);
    }
    return false;
  }

  /** Records {@code t} as captured (lock-free: capturing threads never wait for each other). */
  void remember(Throwable t) {
    if (t == null || contains(t)) {
      return;
    }
    ring.set(Math.floorMod(next.getAndIncrement(), CAPACITY), new WeakReference<>(t));
  }

  private boolean contains(Throwable t) {
    for (int i = 0; i < CAPACITY; i++) {
      WeakReference<Throwable> ref = ring.get(i);
      if (ref != null && ref.get() == t) {
        return true;
      }
    }
    return false;
  }

  private static Throwable causeOf(Throwable t) {
    try {
      Throwable cause = t.getCause();
      return cause == t ? null : cause;
    } catch (RuntimeException e) { // a hostile getCause()
      return null;
    }
  }
}
