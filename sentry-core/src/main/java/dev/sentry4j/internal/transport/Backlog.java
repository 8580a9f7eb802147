package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where envelopes wait: memory first, then the disk spool.
 *
 * <p>Memory is bounded twice. Envelopes not serialized yet (handed over by capturing threads, waiting
 * for the intake worker) take one of {@code maxQueueSize} slots; a capturing thread that finds none
 * free drops its envelope. Serialized envelopes waiting for the sender (or in flight) are bounded by
 * {@code maxQueueBytes}; what does not fit goes to the disk spool in batches, and so does everything
 * while Sentry cannot be reached. The intake worker gives slots back as soon as it has serialized and
 * placed their envelopes, so the capturing threads find room at the speed of serialization, not of
 * HTTP. Thread-safe.
 */
final class Backlog {
  private final int maxQueueSize;
  private final long maxQueueBytes;
  private final DiskSpool spool;
  private final DiscardCounter discards;
  private final AtomicInteger slots = new AtomicInteger();
  private final AtomicInteger peakSlots = new AtomicInteger();
  private final Object lock = new Object();
  private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>(); // guarded by lock
  private int held; // serialized envelopes in memory, in flight included; guarded by lock
  private long heldBytes; // guarded by lock
  private long peakHeldBytes; // guarded by lock

  /**
   * @param spool the disk spool, or {@code null} for memory only
   */
  Backlog(int maxQueueSize, long maxQueueBytes, DiskSpool spool, DiscardCounter discards) {
    this.maxQueueSize = maxQueueSize;
    this.maxQueueBytes = maxQueueBytes;
    this.spool = spool;
    this.discards = discards;
  }

  // ------------------------------------------------------------------ unserialized envelopes

  /** Takes a slot for a new envelope; false when all {@code maxQueueSize} are taken. */
  boolean reserve() {
    int n = slots.incrementAndGet();
    if (n > maxQueueSize) {
      slots.decrementAndGet();
      return false;
    }
    int peak = peakSlots.get();
    while (n > peak && !peakSlots.compareAndSet(peak, n)) {
      peak = peakSlots.get();
    }
    return true;
  }

  /** Gives slots back: their envelopes were serialized and placed, or dropped. */
  void releaseSlots(int n) {
    slots.addAndGet(-n);
  }

  // ------------------------------------------------------------------ serialized envelopes

  /** Whether envelopes can go to disk now. */
  boolean canSpill() {
    return spool != null && spool.isWritable();
  }

  /** Keeps a serialized envelope in memory for the sender if it fits within {@code maxQueueBytes}. */
  boolean tryHold(Outgoing o) {
    return hold(o, false);
  }

  /**
   * Places envelopes that go to disk (memory is full, Sentry cannot be reached, or the transport
   * closes), in files of up to {@link SpoolBatch#MAX_ENVELOPES}; what the disk refuses stays in
   * memory if it fits, else is dropped ({@code queue_overflow}).
   */
  void spill(List<Outgoing> envelopes) {
    for (List<Outgoing> batch : batches(envelopes)) {
      if (toDisk(batch)) {
        continue;
      }
      for (Outgoing o : batch) {
        if (!hold(o, false)) {
          Manifest.record(discards, DiscardReason.QUEUE_OVERFLOW, o.manifest);
        }
      }
    }
  }

  /**
   * Keeps an envelope from memory that failed to send for a later attempt: on disk when possible,
   * else back at the head of the outbox.
   */
  void persist(Outgoing o) {
    if (!toDisk(List.of(o))) {
      hold(o, true);
    }
  }

  /**
   * Keeps envelopes from memory that failed to send (or were in flight at close) for a later
   * attempt: on disk in as few files as possible, else back at the head of the outbox.
   */
  void persistAll(List<Outgoing> envelopes) {
    List<Outgoing> kept = new ArrayList<>();
    for (List<Outgoing> batch : batches(envelopes)) {
      if (!toDisk(batch)) {
        kept.addAll(batch);
      }
    }
    for (int i = kept.size() - 1; i >= 0; i--) {
      hold(kept.get(i), true);
    }
  }

  /** Moves everything waiting in memory to disk (Sentry cannot be reached); what fails stays. */
  void spillOutbox() {
    if (!canSpill()) {
      return;
    }
    List<Outgoing> kept = new ArrayList<>();
    for (List<Outgoing> batch : batches(drainOutbox())) {
      if (!toDisk(batch)) {
        kept.addAll(batch);
      }
    }
    synchronized (lock) {
      for (int i = kept.size() - 1; i >= 0; i--) {
        outbox.addFirst(kept.get(i));
      }
    }
  }

  /** The next envelope for the sender from memory; it counts as held until {@link #unhold}. */
  Outgoing pollOutbox() {
    synchronized (lock) {
      return outbox.poll();
    }
  }

  /** Takes everything waiting in the outbox; each still counts as held until unheld or stored. */
  List<Outgoing> drainOutbox() {
    synchronized (lock) {
      List<Outgoing> all = new ArrayList<>(outbox);
      outbox.clear();
      return all;
    }
  }

  /**
   * Writes envelopes to disk as one file; held ones stop counting against memory.
   *
   * @return false when the spool is missing or refuses
   */
  boolean toDisk(List<Outgoing> batch) {
    if (!canSpill() || batch.isEmpty()) {
      return false;
    }
    List<SpoolBatch.Record> records = new ArrayList<>(batch.size());
    for (Outgoing o : batch) {
      records.add(new SpoolBatch.Record(o.manifest, o.bytes));
    }
    String name =
        spool.store(SpoolBatch.encode(records), records.size(), SpoolBatch.manifestOf(records));
    if (name == null) {
      return false;
    }
    for (Outgoing o : batch) {
      unhold(o);
    }
    return true;
  }

  /** The envelope left memory: sent, dropped or written to disk. */
  void unhold(Outgoing o) {
    synchronized (lock) {
      if (o.held) {
        o.held = false;
        held--;
        heldBytes -= o.bytes.length;
      }
    }
  }

  private boolean hold(Outgoing o, boolean head) {
    synchronized (lock) {
      if (!o.held) {
        if (!head && held > 0 && heldBytes + o.bytes.length > maxQueueBytes) {
          return false;
        }
        o.held = true;
        held++;
        heldBytes += o.bytes.length;
        peakHeldBytes = Math.max(peakHeldBytes, heldBytes);
      }
      if (head) {
        outbox.addFirst(o);
      } else {
        outbox.addLast(o);
      }
      return true;
    }
  }

  /**
   * Cuts envelopes into files of at most {@link SpoolBatch#MAX_ENVELOPES} and about 1 MiB, and
   * never more than the spool holds.
   */
  List<List<Outgoing>> batches(List<Outgoing> envelopes) {
    int maxCount = SpoolBatch.MAX_ENVELOPES;
    long maxBytes = SpoolBatch.MAX_BYTES;
    if (spool != null) {
      maxCount = Math.min(maxCount, spool.maxEnvelopesPerFile());
      maxBytes = Math.min(maxBytes, spool.maxBytesPerFile() / 2);
    }
    List<List<Outgoing>> out = new ArrayList<>();
    List<Outgoing> current = new ArrayList<>();
    long bytes = 0;
    for (Outgoing o : envelopes) {
      if (!current.isEmpty()
          && (current.size() >= maxCount || bytes + o.bytes.length > maxBytes)) {
        out.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(o);
      bytes += o.bytes.length;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  // ------------------------------------------------------------------ state

  /** The spool, or {@code null}. */
  DiskSpool spool() {
    return spool;
  }

  /** Whether nothing waits, in memory or on disk. */
  boolean isEmpty() {
    if (slots.get() != 0) {
      return false;
    }
    synchronized (lock) {
      if (held != 0) {
        return false;
      }
    }
    return spool == null || spool.pending() == 0;
  }

  /** Envelopes in memory: waiting for serialization, for the sender, or in flight. */
  int inMemory() {
    synchronized (lock) {
      return slots.get() + held;
    }
  }

  /** Envelopes on disk. */
  int onDisk() {
    return spool == null ? 0 : spool.pending();
  }

  /** Most envelopes ever waiting for serialization at once. */
  int peakSlots() {
    return peakSlots.get();
  }

  /** Most serialized bytes ever held in memory at once. */
  long peakHeldBytes() {
    synchronized (lock) {
      return peakHeldBytes;
    }
  }
}
