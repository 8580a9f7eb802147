package dev.sentry4j.internal.client;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
 *
 * <p>Next to each slot the table keeps its throwable's identity hash, so that a probe of a slot
 * holding another throwable reads one int of a small array instead of the slot's reference object:
 * on a capturing thread that logs an error now and then, every object touched is a likely cache
 * miss. A slot is written before its hash, and read after it: a reader that sees a throwable's hash
 * also sees its slot.
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

  /** The identity hash of each slot's throwable (0 for an empty slot; a hint, see the class). */
  private final AtomicIntegerArray hashes = new AtomicIntegerArray(CAPACITY);

  private final AtomicInteger evictions = new AtomicInteger();

  /**
   * One pass for a capture: whether {@code t} or one of its first causes was captured before, and
   * if not, {@code t} is remembered as captured now.
   *
   * @return true for a duplicate (nothing remembered)
   */
  boolean checkAndRemember(Throwable t) {
    int hash = System.identityHashCode(t);
    if (indexOf(t, hash) >= 0 || isDuplicateCause(t)) {
      return true;
    }
    store(t, hash);
    return false;
  }

  /** Whether {@code t} or one of its first causes was captured before. */
  boolean isDuplicate(Throwable t) {
    return t != null && (indexOf(t, System.identityHashCode(t)) >= 0 || isDuplicateCause(t));
  }

  private boolean isDuplicateCause(Throwable t) {
    Throwable c = causeOf(t);
    for (int depth = 1; c != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (indexOf(c, System.identityHashCode(c)) >= 0) {
        return true;
      }
      c = causeOf(c);
    }
    return false;
  }

  /** Records {@code t} as captured. */
  void remember(Throwable t) {
    if (t == null) {
      return;
    }
    int hash = System.identityHashCode(t);
    if (indexOf(t, hash) < 0) {
      store(t, hash);
    }
  }

  private void store(Throwable t, int hash) {
    int home = home(hash);
    for (int p = 0; p < PROBES; p++) {
      int i = (home + p) & (CAPACITY - 1);
      WeakReference<Throwable> ref = slots.get(i);
      if ((ref == null || ref.get() == null)
          && slots.compareAndSet(i, ref, new WeakReference<>(t))) {
        hashes.set(i, hash);
        return;
      }
    }
    // every slot taken by a live throwable: push one out, in turn
    int victim = (home + Math.floorMod(evictions.getAndIncrement(), PROBES)) & (CAPACITY - 1);
    slots.set(victim, new WeakReference<>(t));
    hashes.set(victim, hash);
  }

  private int indexOf(Throwable t, int hash) {
    int home = home(hash);
    for (int p = 0; p < PROBES; p++) {
      int i = (home + p) & (CAPACITY - 1);
      if (hashes.get(i) != hash) {
        continue; // another throwable's slot (or one whose store is not done: not yet captured)
      }
      WeakReference<Throwable> ref = slots.get(i);
      if (ref != null && ref.get() == t) {
        return i;
      }
    }
    return -1;
  }

  private static int home(int h) {
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
