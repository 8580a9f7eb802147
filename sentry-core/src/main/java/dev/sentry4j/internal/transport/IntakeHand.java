package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.envelope.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * What the intake worker took out of the inbox and has not placed yet, visible to close: a worker
 * starved past close's deadline must not take accepted envelopes with it when the JVM exits.
 *
 * <p>Each envelope taken is an {@link Entry} with a state. The worker moves it {@code TAKEN →
 * SERIALIZING → SERIALIZED → PLACED}; close {@linkplain #takeOver takes over} every entry the
 * worker has not placed ({@code → SAVED}): an unserialized one close serializes and spools itself,
 * a serialized one it spools. The one being serialized (its processors and {@code beforeSend} run
 * on the worker: close cannot make it again) is asked for ({@code HANDOFF}): if the worker finishes
 * it before close is done with the rest, it hands the result over ({@code HANDED}) and close spools
 * it; else close {@linkplain #giveUp gives up} on it ({@code SAVED}) and counts it as dropped.
 * Every step is a compare-and-set, so each envelope is placed (or counted) by exactly one of them.
 * The worker claims a batch for its disk file under this object's monitor, inside the spool's lock
 * just before the write ({@link Backlog#toDiskIfClaimed}), and an envelope for memory under the
 * backlog's lock ({@link Backlog#tryHold(Outgoing, java.util.function.BooleanSupplier)}): once
 * close sees an entry placed, taking those locks waits for the placement to end.
 *
 * <p>The worker takes envelopes from the inbox without waiting through {@link #poll}, under the
 * monitor that close also holds while it drains the inbox, so none falls between the two. The one
 * envelope a blocking wait in the inbox hands over is registered right after it (a few
 * instructions): that is the only gap. Entries registered after close took over are the worker's
 * alone. Thread-safe.
 */
final class IntakeHand {
  static final int TAKEN = 0;
  static final int SERIALIZING = 1;
  static final int SERIALIZED = 2;
  static final int PLACED = 3;
  static final int SAVED = 4;
  static final int HANDOFF = 5;
  static final int HANDED = 6;

  private static final AtomicIntegerFieldUpdater<Entry> STATE =
      AtomicIntegerFieldUpdater.newUpdater(Entry.class, "state");

  /** One envelope in the worker's hand. */
  static final class Entry {
    final Envelope envelope;
    volatile Outgoing outgoing; // set before SERIALIZED
    volatile int state;

    Entry(Envelope envelope) {
      this.envelope = envelope;
    }
  }

  /** What close took over from the worker. */
  static final class TakenOver {
    /** Not serialized yet (what was left in the inbox too): close serializes them. */
    final List<Envelope> unserialized = new ArrayList<>();

    /** Serialized, not placed: close spools them. */
    final List<Outgoing> serialized = new ArrayList<>();

    /**
     * Being serialized when close took over: close spools what the worker hands over ({@link
     * IntakeHand#giveUp}), and counts the rest as dropped.
     */
    final List<Entry> serializing = new ArrayList<>();

    /** Slots of all of them: close gives them back once it placed or counted them. */
    int slots;
  }

  private final Object lock = new Object();
  private final List<Entry> entries = new ArrayList<>(); // this step's; guarded by lock
  private boolean closed; // guarded by lock

  /**
   * From the worker: takes the next envelope from the inbox without waiting and registers it;
   * markers come back as they are, with no entry.
   *
   * @return the entry, a marker, or {@code null} when the inbox is empty
   */
  Object poll(Queue<Envelope> inbox, Envelope... markers) {
    synchronized (lock) {
      Envelope e = inbox.poll();
      if (e == null) {
        return null;
      }
      return isMarker(e, markers) ? e : register(e);
    }
  }

  /** From the worker: registers an envelope it took with a blocking wait. */
  Entry add(Envelope envelope) {
    synchronized (lock) {
      return register(envelope);
    }
  }

  private static boolean isMarker(Envelope e, Envelope... markers) {
    for (Envelope m : markers) {
      if (e == m) {
        return true;
      }
    }
    return false;
  }

  private Entry register(Envelope envelope) { // lock held
    Entry entry = new Entry(envelope);
    if (!closed) {
      entries.add(entry);
    }
    return entry;
  }

  /** From the worker: false when close took the envelope over before its serialization began. */
  static boolean startSerializing(Entry entry) {
    return STATE.compareAndSet(entry, TAKEN, SERIALIZING);
  }

  /**
   * From the worker, after serialization ({@code o} null: dropped while being made, or failed).
   *
   * @return true when the worker goes on with it: places {@code o}, or (null) has nothing to place
   *     and answers for the count; false when close has it: {@code o} was handed over to close, or
   *     close gave up on it and counted it
   */
  static boolean serialized(Entry entry, Outgoing o) {
    entry.outgoing = o;
    if (STATE.compareAndSet(entry, SERIALIZING, o == null ? PLACED : SERIALIZED)) {
      return true;
    }
    return STATE.compareAndSet(entry, HANDOFF, HANDED) && o == null;
  }

  /**
   * From close, last: gives up on an envelope the worker was serializing at the take-over.
   *
   * @return true when the worker did not hand it over in time (close counts it as dropped); false
   *     when it did ({@code entry.outgoing}: what close spools, or null when nothing is left to)
   */
  static boolean giveUp(Entry entry) {
    return STATE.compareAndSet(entry, HANDOFF, SAVED);
  }

  /** From the worker, just before placing a serialized envelope: false when close has it. */
  static boolean claim(Entry entry) {
    return STATE.compareAndSet(entry, SERIALIZED, PLACED);
  }

  /**
   * From the worker, after a placement failed or was not tried: whether the (serialized) envelope
   * is still its own to place or count; claims it if need be. False: close has it.
   */
  static boolean own(Entry entry) {
    return entry.state == PLACED || claim(entry);
  }

  /**
   * From the worker, inside the spool's lock just before writing their file: claims all of them, or
   * none when close took any of them over.
   */
  boolean claimAll(List<Entry> batch) {
    synchronized (lock) {
      for (Entry e : batch) {
        if (e.state != SERIALIZED) {
          return false;
        }
      }
      for (Entry e : batch) {
        e.state = PLACED; // under the lock close takes over with; CAS elsewhere sees it
      }
      return true;
    }
  }

  /**
   * From the worker at the end of a step: forgets its entries.
   *
   * @return how many of them close took over (their slots are close's to give back)
   */
  int endStep() {
    synchronized (lock) {
      int saved = 0;
      for (Entry e : entries) {
        int state = e.state;
        if (state == SAVED || state == HANDOFF || state == HANDED) {
          saved++;
        }
      }
      entries.clear();
      return saved;
    }
  }

  /**
   * From close, once it stopped waiting for the worker: drains the inbox and takes over every
   * envelope the worker has not placed. Entries the worker registers later are its own.
   */
  TakenOver takeOver(Queue<Envelope> inbox, Envelope... markers) {
    TakenOver out = new TakenOver();
    synchronized (lock) {
      closed = true;
      for (Entry e : entries) {
        if (STATE.compareAndSet(e, TAKEN, SAVED)) {
          out.unserialized.add(e.envelope);
          out.slots++;
        } else if (STATE.compareAndSet(e, SERIALIZED, SAVED)) {
          out.serialized.add(e.outgoing);
          out.slots++;
        } else if (STATE.compareAndSet(e, SERIALIZING, HANDOFF)) {
          out.serializing.add(e);
          out.slots++;
        }
      }
      Envelope e;
      while ((e = inbox.poll()) != null) {
        if (!isMarker(e, markers)) {
          out.unserialized.add(e);
          out.slots++;
        }
      }
    }
    return out;
  }
}
