package dev.sentry4j.transport;

import dev.sentry4j.clientreport.DiscardCounter;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.transport.spool.DiskSpool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where envelopes wait: memory first, bounded in count ({@code maxQueueSize}, unserialized and
 * serialized together) and in serialized bytes ({@code maxQueueBytes}), then the disk spool.
 *
 * <p>The capturing thread only takes a memory slot ({@link #reserve}); the intake worker serializes
 * and {@link #place}s the envelope: in the outbox for the sender while the backlog is small and
 * Sentry answers, on disk when more than half the slots are taken (so that the slots free up as fast
 * as the disk writes, and the capturing threads find room) or while Sentry cannot be reached. A slot
 * is given back when its envelope is sent, dropped or written to disk. Thread-safe.
 */
final class Backlog {
  private final int maxQueueSize;
  private final long maxQueueBytes;
  private final int spillAt;
  private final DiskSpool spool;
  private final DiscardCounter discards;
  private final AtomicInteger inMemory = new AtomicInteger();
  private final Object lock = new Object();
  private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>(); // guarded by lock
  private long outboxBytes; // guarded by lock
  private long peakOutboxBytes; // guarded by lock
  private final AtomicInteger peakInMemory = new AtomicInteger();

  /**
   * @param spool the disk spool, or {@code null} for memory only
   */
  Backlog(int maxQueueSize, long maxQueueBytes, DiskSpool spool, DiscardCounter discards) {
    this.maxQueueSize = maxQueueSize;
    this.maxQueueBytes = maxQueueBytes;
    this.spillAt = Math.max(1, maxQueueSize / 2);
    this.spool = spool;
    this.discards = discards;
  }

  /** Takes a memory slot for a new envelope; false when all {@code maxQueueSize} are taken. */
  boolean reserve() {
    int n = inMemory.incrementAndGet();
    if (n > maxQueueSize) {
      inMemory.decrementAndGet();
      return false;
    }
    int peak = peakInMemory.get();
    while (n > peak && !peakInMemory.compareAndSet(peak, n)) {
      peak = peakInMemory.get();
    }
    return true;
  }

  /** Gives a slot back: its envelope was sent, dropped or written to disk. */
  void release() {
    inMemory.decrementAndGet();
  }

  /**
   * Places a freshly serialized envelope that holds a slot.
   *
   * @param preferDisk true while Sentry cannot be reached or the transport closes
   */
  void place(Outgoing o, boolean preferDisk) {
    boolean spill = preferDisk || inMemory.get() > spillAt;
    if (spill && toDisk(o) != null) {
      return;
    }
    if (toMemory(o, false)) {
      return;
    }
    if (!spill && toDisk(o) != null) {
      return;
    }
    Manifest.record(discards, DiscardReason.QUEUE_OVERFLOW, o.manifest);
    release();
  }

  /**
   * Keeps an envelope from memory that failed to send for a later attempt: on disk when possible,
   * else back at the head of the outbox.
   *
   * @return its spool file name, or {@code null} when it stayed in memory
   */
  String persist(Outgoing o) {
    String name = toDisk(o);
    if (name == null) {
      toMemory(o, true);
    }
    return name;
  }

  /** Moves everything waiting in memory to disk (Sentry cannot be reached); what fails stays. */
  void spillOutbox() {
    if (spool == null || !spool.isWritable()) {
      return;
    }
    List<Outgoing> waiting = drainOutbox();
    List<Outgoing> kept = new ArrayList<>();
    for (Outgoing o : waiting) {
      if (toDisk(o) == null) {
        kept.add(o);
      }
    }
    synchronized (lock) {
      for (int i = kept.size() - 1; i >= 0; i--) {
        outbox.addFirst(kept.get(i));
        outboxBytes += kept.get(i).bytes.length;
      }
    }
  }

  /** The next envelope for the sender from memory; it keeps its slot until sent or kept. */
  Outgoing pollOutbox() {
    synchronized (lock) {
      Outgoing o = outbox.poll();
      if (o != null) {
        outboxBytes -= o.bytes.length;
      }
      return o;
    }
  }

  /** Takes everything waiting in the outbox (closing). */
  List<Outgoing> drainOutbox() {
    synchronized (lock) {
      List<Outgoing> all = new ArrayList<>(outbox);
      outbox.clear();
      outboxBytes = 0;
      return all;
    }
  }

  /** Writes to disk and gives the slot back; {@code null} when the spool is missing or refuses. */
  String toDisk(Outgoing o) {
    if (spool == null || !spool.isWritable()) {
      return null;
    }
    String name = spool.store(o.bytes, o.manifest);
    if (name != null) {
      release();
    }
    return name;
  }

  private boolean toMemory(Outgoing o, boolean head) {
    synchronized (lock) {
      if (!head && !outbox.isEmpty() && outboxBytes + o.bytes.length > maxQueueBytes) {
        return false;
      }
      if (head) {
        outbox.addFirst(o);
      } else {
        outbox.addLast(o);
      }
      outboxBytes += o.bytes.length;
      peakOutboxBytes = Math.max(peakOutboxBytes, outboxBytes);
      return true;
    }
  }

  /** The spool, or {@code null}. */
  DiskSpool spool() {
    return spool;
  }

  /** Whether nothing waits, in memory or on disk. */
  boolean isEmpty() {
    return inMemory.get() == 0 && (spool == null || spool.pending() == 0);
  }

  /** Envelopes in memory (unserialized, serialized, in flight). */
  int inMemory() {
    return inMemory.get();
  }

  /** Envelopes on disk. */
  int onDisk() {
    return spool == null ? 0 : spool.pending();
  }

  int peakInMemory() {
    return peakInMemory.get();
  }

  long peakOutboxBytes() {
    synchronized (lock) {
      return peakOutboxBytes;
    }
  }

  long maxQueueBytes() {
    return maxQueueBytes;
  }
}
