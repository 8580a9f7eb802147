package dev.sentry4j.internal.client;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Remembers recently captured throwables weakly, by <b>identity</b>, so that the same exception
 * object (or one of its causes, already sent on its own) is sent once, as when a log line and the
 * uncaught handler both see it. Two distinct exceptions that are {@code equals} (a class comparing
 * error codes) are two events: {@code equals} and {@code hashCode} are never called.
 *
 * <p>The memory is a table of {@value #CAPACITY} weak slots indexed by {@link
 * System#identityHashCode}: a throwable is looked for in its {@value #PROBES} slots only, so a
 * lookup costs the same whatever the table holds. The most recent capture is always remembered; an
 * older one may be pushed out early by a newer one that shares its slots (then it is sent again if
 * captured again, never lost).
 *
 * <p>Bounded work on the capturing thread: at most {@value #MAX_CAUSE_DEPTH} links of the cause
 * chain are looked at (so a cycle or an endless {@code getCause()} ends there), each in at most
 * {@value #PROBES} slots. A cause deeper than that which was captured before is not recognised: it
 * is sent again. Thread-safe and lock-free: capturing threads never wait for each other.
 */
final class Deduplicator {
  /** Links of a cause chain looked at, the captured throwable included. */
  static final int MAX_CAUSE_DEPTH = 16;

  /** Slots of the table (a power of two). */
  static final int CAPACITY = 128;

  /** Slots a throwable may occupy, from the one its identity hash picks. */
  static final int PROBES = 4;

  private final AtomicReferenceArray<WeakReference<Throwable>> slots =
      new AtomicReferenceArray<>(CAPACITY);
  private final AtomicInteger evictions = new AtomicInteger();

  /** Whether {@code t} or one of its first causes was captured before. */
  boolean isDuplicate(Throwable t) {
    Throwable c = t;
    for (int depth = 0; c != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (indexOf(c) >= 0) {
        return true;
      }
      c = causeOf(c);
    }
    return false;
  }

  /** Records {@code t} as captured. */
  void remember(Throwable t) {
    if (t == null || indexOf(t) >= 0) {
      return;
    }
    int home = home(t);
    for (int p = 0; p < PROBES; p++) {
      int i = (home + p) & (CAPACITY - 1);
      WeakReference<Throwable> ref = slots.get(i);
      if ((ref == null || ref.get() == null)
          && slots.compareAndSet(i, ref, new WeakReference<>(t))) {
        return;
      }
    }
    // every slot taken by a live throwable: push one out, in turn
    int victim = (home + Math.floorMod(evictions.getAndIncrement(), PROBES)) & (CAPACITY - 1);
    slots.set(victim, new WeakReference<>(t));
  }

  private int indexOf(Throwable t) {
    int home = home(t);
    for (int p = 0; p < PROBES; p++) {
      int i = (home + p) & (CAPACITY - 1);
      WeakReference<Throwable> ref = slots.get(i);
      if (ref != null && ref.get() == t) {
        return i;
      }
    }
    return -1;
  }

  private static int home(Throwable t) {
    int h = System.identityHashCode(t);
    return (h ^ (h >>> 16)) & (CAPACITY - 1);
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
