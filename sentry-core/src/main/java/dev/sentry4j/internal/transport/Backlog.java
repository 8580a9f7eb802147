package dev.sentry4j.internal.transport;

import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Where envelopes wait: memory first, then the disk spool.
 *
 * <p><b>Group commit.</b> With a spool, every envelope kept in memory also gets a copy on disk
 * within {@link #COMMIT_WINDOW_MILLIS} ms unless it was sent (or dropped for good) first: the
 * intake worker {@linkplain #commit() commits} what waits uncommitted once the oldest of it is that
 * old, or at {@value SpoolBatch#MAX_ENVELOPES} envelopes or {@link SpoolBatch#MAX_BYTES} bytes, as
 * one file locked by this process (a {@link Journal}). The sender keeps sending from memory; when
 * every envelope of a journal file was sent, the file is deleted; when the process dies first (kill
 * -9), the kernel releases the lock and the next start sends what the file holds (an envelope sent
 * just before the kill may be sent twice, with the same event id). Each envelope's state in the
 * file is marked in place ({@link SpoolBatch}: attempted before its request, done once delivered),
 * so that an eviction of the file after a kill counts as dropped only what was never sent. So a
 * kill loses at most what was captured in the last {@link #COMMIT_WINDOW_MILLIS} ms plus what
 * waited for serialization.
 *
 * <p>Memory is bounded twice. Envelopes not serialized yet (handed over by capturing threads,
 * waiting for the intake worker) take one of {@code maxQueueSize} slots; a capturing thread that
 * finds none free drops its envelope. Serialized envelopes waiting for the sender (or in flight)
 * are bounded by {@code maxQueueBytes}; what does not fit goes to the disk spool in batches, and so
 * does everything while Sentry cannot be reached. The intake worker gives slots back as soon as it
 * has serialized and placed their envelopes, so the capturing threads find room at the speed of
 * serialization, not of HTTP. Thread-safe.
 */
final class Backlog {
  /** Longest an envelope kept in memory waits for its copy on disk. */
  static final long COMMIT_WINDOW_MILLIS = 100;

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
  private final List<Outgoing> uncommitted = new ArrayList<>(); // guarded by lock
  private long uncommittedBytes; // guarded by lock
  private long oldestUncommittedAt; // System.nanoTime(); guarded by lock
  private final long commitWindowNanos;

  // Envelopes serialized by capturing threads that found no free slot (AsyncTransport's caller-runs
  // overflow) and go to disk: one shared file filled by them, written by the thread that fills it
  // (or by the intake worker once it is COMMIT_WINDOW_MILLIS old). At most one file is written at
  // a time and one more fills meanwhile; a capturing thread that finds both busy waits for the
  // write (that is the backpressure), so they hold at most two files' worth of memory.
  private final Object sharedLock = new Object();
  private List<Outgoing> shared = new ArrayList<>(); // guarded by sharedLock
  private long sharedBytes; // guarded by sharedLock
  private long sharedSince; // System.nanoTime() of its oldest; guarded by sharedLock
  private boolean sharedWriting; // a shared file is being written; guarded by sharedLock
  private final AtomicInteger sharedPending = new AtomicInteger(); // filling + being written
  private final AtomicInteger callerRuns = new AtomicInteger(); // serializing on callers

  /**
   * @param spool the disk spool, or {@code null} for memory only
   */
  Backlog(int maxQueueSize, long maxQueueBytes, DiskSpool spool, DiscardCounter discards) {
    this(maxQueueSize, maxQueueBytes, spool, discards, COMMIT_WINDOW_MILLIS * 1_000_000);
  }

  Backlog(
      int maxQueueSize,
      long maxQueueBytes,
      DiskSpool spool,
      DiscardCounter discards,
      long commitWindowNanos) {
    this.commitWindowNanos = commitWindowNanos;
    this.maxQueueSize = maxQueueSize;
    this.maxQueueBytes = maxQueueBytes;
    this.spool = spool;
    this.discards = discards;
  }

  // ------------------------------------------------------------------ unserialized envelopes

  /**
   * Envelopes not serialized yet have no copy on disk: the slots hold at most about this much of
   * the intake worker's work, so that a kill -9 right after a burst loses (almost) nothing.
   */
  static final long PACE_WINDOW_NANOS = 200_000_000L;

  /** Slots always available (a cold or starved worker still takes a short burst off callers). */
  static final int MIN_PACED_SLOTS = 16;

  private volatile int pacedSlots = MIN_PACED_SLOTS * 4; // until the worker measured itself
  private double nanosPerEnvelope; // moving average; intake worker only

  /**
   * The intake worker took {@code nanos} for {@code envelopes}: the slots follow its pace, about
   * {@link #PACE_WINDOW_NANOS} of work, between {@link #MIN_PACED_SLOTS} and {@code maxQueueSize}.
   */
  void paceIntake(int envelopes, long nanos) {
    if (envelopes <= 0 || nanos <= 0) {
      return;
    }
    double each = nanos / (double) envelopes;
    nanosPerEnvelope = nanosPerEnvelope == 0 ? each : nanosPerEnvelope * 0.9 + each * 0.1;
    double fit = PACE_WINDOW_NANOS / nanosPerEnvelope;
    pacedSlots = (int) Math.max(MIN_PACED_SLOTS, Math.min(Integer.MAX_VALUE, fit));
  }

  /** Slots in use now: {@code maxQueueSize}, or fewer while the worker is slow. */
  int slotLimit() {
    return Math.min(maxQueueSize, pacedSlots);
  }

  /** Takes a slot for a new envelope; false when all {@link #slotLimit()} are taken. */
  boolean reserve() {
    int n = slots.incrementAndGet();
    if (n > slotLimit()) {
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

  /**
   * A capturing thread found no slot and serializes its envelope itself; until {@link
   * #endCallerRun()} the envelope counts as waiting (flush waits for it).
   */
  void beginCallerRun() {
    callerRuns.incrementAndGet();
  }

  /** Ends what {@link #beginCallerRun()} began: the envelope was placed or dropped. */
  void endCallerRun() {
    callerRuns.decrementAndGet();
  }

  // ------------------------------------------------------------------ the shared overflow file

  /** How long a capturing thread waits at most for the shared file's write before dropping. */
  static final long SHARED_WAIT_MILLIS = 5_000;

  /**
   * From a capturing thread: adds a serialized envelope to the shared overflow file; the thread
   * that fills it writes it (a full file while another is being written: waits for that write).
   *
   * @return false when it could not be placed within {@link #SHARED_WAIT_MILLIS} (the caller counts
   *     the drop)
   */
  boolean spillShared(Outgoing o) {
    List<Outgoing> mine = null;
    boolean interrupted = false;
    try {
      synchronized (sharedLock) {
        long deadline = System.nanoTime() + SHARED_WAIT_MILLIS * 1_000_000;
        while (isSharedFull()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          try {
            sharedLock.wait(Math.max(1, left / 1_000_000));
          } catch (InterruptedException e) {
            interrupted = true; // the capture must not fail for it; the flag is restored below
          }
        }
        if (shared.isEmpty()) {
          sharedSince = System.nanoTime();
        }
        shared.add(o);
        sharedBytes += o.bytes.length;
        sharedPending.incrementAndGet();
        if (isSharedFull() && !sharedWriting) {
          mine = takeShared();
        }
      }
      writeShared(mine);
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Writes the shared overflow file if it is due ({@link #COMMIT_WINDOW_MILLIS} old), unless
   * another thread is writing one; {@code now}: at once, after the write in progress (close, and a
   * capturing thread that placed its envelope while close ran).
   */
  void flushShared(boolean now) {
    List<Outgoing> mine = null;
    boolean interrupted = false;
    synchronized (sharedLock) {
      long deadline = System.nanoTime() + SHARED_WAIT_MILLIS * 1_000_000;
      while (now && sharedWriting && deadline - System.nanoTime() > 0) {
        try {
          sharedLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (!shared.isEmpty()
          && !sharedWriting
          && (now || System.nanoTime() - sharedSince >= commitWindowNanos)) {
        mine = takeShared();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    writeShared(mine);
  }

  /** Writes {@code batch} and then whatever filled up meanwhile; null: nothing. */
  private void writeShared(List<Outgoing> batch) {
    List<Outgoing> next = batch;
    while (next != null) {
      try {
        spill(next); // what the disk refuses stays in memory if it fits, else is counted
      } catch (RuntimeException | OutOfMemoryError e) {
        // other capturing threads' envelopes too: counted, never thrown at the one writing
        for (Outgoing o : next) {
          Manifest.record(discards, DiscardReason.INTERNAL_SDK_ERROR, o.manifest);
        }
      } finally {
        sharedPending.addAndGet(-next.size());
        synchronized (sharedLock) {
          sharedWriting = false;
          next = isSharedFull() ? takeShared() : null;
          sharedLock.notifyAll();
        }
      }
    }
  }

  private List<Outgoing> takeShared() { // sharedLock held
    List<Outgoing> taken = shared;
    shared = new ArrayList<>();
    sharedBytes = 0;
    sharedWriting = true;
    return taken;
  }

  private boolean isSharedFull() { // sharedLock held
    return shared.size() >= maxSharedEnvelopes() || sharedBytes >= maxSharedBytes();
  }

  private int maxSharedEnvelopes() {
    int max = SpoolBatch.MAX_ENVELOPES;
    return spool == null ? max : Math.min(max, spool.maxEnvelopesPerFile());
  }

  /** A quarter of {@code maxQueueBytes}, at most what a file holds. */
  private long maxSharedBytes() {
    long max = Math.min(SpoolBatch.MAX_BYTES, Math.max(64 * 1024, maxQueueBytes / 4));
    return spool == null ? max : Math.min(max, spool.maxBytesPerFile() / 2);
  }

  /** Nanoseconds until the shared overflow file is due; {@link Long#MAX_VALUE} when empty. */
  private long nanosUntilShared() {
    synchronized (sharedLock) {
      if (shared.isEmpty() || sharedWriting) {
        return shared.isEmpty() ? Long.MAX_VALUE : commitWindowNanos;
      }
      return Math.max(0, commitWindowNanos - (System.nanoTime() - sharedSince));
    }
  }

  // ------------------------------------------------------------------ serialized envelopes

  /** Whether envelopes can go to disk now. */
  boolean canSpill() {
    return spool != null && spool.isWritable();
  }

  /**
   * Keeps a serialized envelope in memory for the sender if it fits within {@code maxQueueBytes}.
   */
  boolean tryHold(Outgoing o) {
    return tryHold(o, null);
  }

  /**
   * Like {@link #tryHold(Outgoing)}, for the intake worker: {@code mine}, asked under this lock
   * once the envelope fits, says whether it is still the worker's (close may have taken it over).
   *
   * @param mine {@code null}: always
   * @return false when it does not fit (still the caller's); true when it is held, or when {@code
   *     mine} said no (close has it)
   */
  boolean tryHold(Outgoing o, BooleanSupplier mine) {
    synchronized (lock) {
      if (!o.held && held > 0 && heldBytes + o.bytes.length > maxQueueBytes) {
        return false;
      }
      if (mine != null && !mine.getAsBoolean()) {
        return true;
      }
      hold(o, false);
      if (spool != null) {
        if (uncommitted.isEmpty()) {
          oldestUncommittedAt = System.nanoTime();
        }
        uncommitted.add(o);
        uncommittedBytes += o.bytes.length;
      }
      return true;
    }
  }

  // ------------------------------------------------------------------ group commit

  /** A group-commit file: copies of envelopes kept in memory, locked by this process. */
  static final class Journal {
    final List<Outgoing> members;
    DiskSpool.Claim claim;
    int live; // members still in memory
    boolean anyDone; // a member was sent or dropped for good

    Journal(List<Outgoing> members) {
      this.members = members;
      this.live = members.size();
    }
  }

  /**
   * Nanoseconds until the next commit (or the shared overflow file) is due; {@link Long#MAX_VALUE}
   * when nothing waits.
   */
  long nanosUntilCommit() {
    return Math.min(nanosUntilShared(), nanosUntilJournal());
  }

  private long nanosUntilJournal() {
    synchronized (lock) {
      if (uncommitted.isEmpty()) {
        return Long.MAX_VALUE;
      }
      if (uncommitted.size() >= SpoolBatch.MAX_ENVELOPES
          || uncommittedBytes >= SpoolBatch.MAX_BYTES) {
        return 0;
      }
      return Math.max(0, commitWindowNanos - (System.nanoTime() - oldestUncommittedAt));
    }
  }

  /**
   * When due: writes what waits uncommitted and is still in memory to one file locked by this
   * process (when the file cannot be written, the envelopes stay in memory only; the spool says why
   * once), and the shared overflow file.
   */
  void commit() {
    flushShared(false);
    if (nanosUntilJournal() != 0) {
      return;
    }
    synchronized (lock) {
      List<Outgoing> live = new ArrayList<>(uncommitted.size());
      for (Outgoing o : uncommitted) {
        if (o.held && o.journal == null) {
          live.add(o);
        }
      }
      uncommitted.clear();
      uncommittedBytes = 0;
      if (live.isEmpty() || spool == null || !spool.isWritable()) {
        return;
      }
      for (List<Outgoing> batch : batches(live)) {
        List<SpoolBatch.Record> records = records(batch);
        long[] offsets = new long[records.size()];
        DiskSpool.Claim claim =
            spool.storeClaimed(
                SpoolBatch.encode(records, offsets),
                records.size(),
                SpoolBatch.manifestOf(records));
        if (claim == null) {
          return;
        }
        Journal j = new Journal(batch);
        j.claim = claim;
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).journal = j;
          batch.get(i).journalOffset = offsets[i];
        }
      }
    }
  }

  /** The records of envelopes for a file: state {@code *} for those whose outcome is unknown. */
  private static List<SpoolBatch.Record> records(List<Outgoing> envelopes) {
    List<SpoolBatch.Record> records = new ArrayList<>(envelopes.size());
    for (Outgoing o : envelopes) {
      records.add(
          new SpoolBatch.Record(
              o.manifest, o.bytes, o.attempted ? SpoolBatch.ATTEMPTED : SpoolBatch.PENDING));
    }
    return records;
  }

  /**
   * The sender is about to post the envelope: its copy on disk says {@link SpoolBatch#ATTEMPTED}
   * until the answer, so that a kill meanwhile leads to a re-send, never to a count as dropped.
   */
  void attempting(Outgoing o) {
    synchronized (lock) {
      o.attempted = true;
      markJournal(o, SpoolBatch.ATTEMPTED);
    }
  }

  /**
   * The request failed with a known outcome (an error answer, a refused connection, a timeout): not
   * delivered. Its copy on disk is pending again.
   */
  void notDelivered(Outgoing o) {
    synchronized (lock) {
      o.attempted = false;
      markJournal(o, SpoolBatch.PENDING);
    }
  }

  private void markJournal(Outgoing o, byte state) { // lock held
    Journal j = o.journal;
    if (j != null) {
      SpoolBatch.mark(j.claim, o.journalOffset, state); // quiet once the file is settled
    }
  }

  /** The envelope's copy on disk is what remains of it: it leaves memory. Lock held. */
  private void keep(Outgoing o) {
    if (!o.held || o.kept) {
      return;
    }
    release(o);
    o.kept = true;
    Journal j = o.journal;
    j.live--;
    if (j.live == 0) {
      settle(j);
    }
  }

  /** Every member left memory: delete the file, put it back whole, or put back the kept ones. */
  private void settle(Journal j) { // lock held
    List<Outgoing> keptMembers = new ArrayList<>();
    for (Outgoing o : j.members) {
      if (o.kept) {
        keptMembers.add(o);
      }
    }
    List<SpoolBatch.Record> kept = records(keptMembers);
    if (kept.isEmpty()) {
      spool.complete(j.claim);
    } else if (!j.anyDone) {
      spool.release(j.claim);
    } else {
      spool.replace(j.claim, SpoolBatch.encode(kept), kept.size(), SpoolBatch.manifestOf(kept));
    }
  }

  /**
   * Places envelopes that go to disk (memory is full, Sentry cannot be reached, or the transport
   * closes), in files of up to {@link SpoolBatch#MAX_ENVELOPES}; what the disk refuses stays in
   * memory if it fits, else is dropped ({@code queue_overflow}).
   */
  void spill(List<Outgoing> envelopes) {
    spill(envelopes, true);
  }

  /**
   * Like {@link #spill(List)}; {@code inMemory} false: what the disk refuses is dropped at once
   * (the transport has stopped: nobody would send it from memory).
   */
  void spill(List<Outgoing> envelopes, boolean inMemory) {
    for (List<Outgoing> batch : batches(envelopes)) {
      if (toDisk(batch)) {
        continue;
      }
      for (Outgoing o : batch) {
        if (!inMemory || !hold(o, false)) {
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
    synchronized (lock) {
      if (o.journal != null) {
        keep(o);
        return;
      }
    }
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
        for (Outgoing o : batch) {
          if (!o.kept) {
            kept.add(o);
          }
        }
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
   * Writes envelopes to disk as one file; held ones stop counting against memory. Each envelope is
   * written once: one another thread writes (or wrote) at the same time is skipped, so close saving
   * the sender's requests in flight while the sender keeps them itself does not make two copies.
   *
   * @return false when the spool is missing or refuses
   */
  boolean toDisk(List<Outgoing> batch) {
    List<Outgoing> rest = new ArrayList<>(batch.size());
    synchronized (lock) {
      for (Outgoing o : batch) {
        if (o.journal != null) {
          keep(o); // already on disk
        } else if (!o.stored) {
          // claimed: the sender abandoning its requests and close saving them both come here
          o.stored = true;
          rest.add(o);
        }
      }
    }
    if (rest.isEmpty()) {
      return true;
    }
    String name = null;
    if (canSpill()) {
      List<SpoolBatch.Record> records = records(rest);
      name =
          spool.store(SpoolBatch.encode(records), records.size(), SpoolBatch.manifestOf(records));
    }
    if (name == null) {
      synchronized (lock) {
        for (Outgoing o : rest) {
          o.stored = false; // not written: whoever keeps it now may try again
        }
      }
      return false;
    }
    for (Outgoing o : rest) {
      unhold(o);
    }
    return true;
  }

  /**
   * Writes envelopes the intake worker serialized (never held) as one file, only if {@code mine},
   * asked under the spool's lock just before the write, says they are still the worker's.
   *
   * @return false when the spool is missing or refuses, or {@code mine} said no
   */
  boolean toDiskIfClaimed(List<Outgoing> batch, BooleanSupplier mine) {
    if (!canSpill()) {
      return false;
    }
    List<SpoolBatch.Record> records = records(batch);
    return spool.store(
            SpoolBatch.encode(records), records.size(), SpoolBatch.manifestOf(records), mine)
        != null;
  }

  /** Waits for a spool write in progress on another thread to end. */
  void awaitSpoolWrite() {
    if (spool != null) {
      spool.awaitWrite();
    }
  }

  /** The envelope left memory: sent, dropped for good or written to disk. */
  void unhold(Outgoing o) {
    synchronized (lock) {
      if (!o.held) {
        return;
      }
      release(o);
      Journal j = o.journal;
      if (j != null && !o.kept) {
        // delivered or dropped for good: a kill before the file is settled must not count it
        SpoolBatch.mark(j.claim, o.journalOffset, SpoolBatch.DONE);
        j.anyDone = true;
        j.live--;
        if (j.live == 0) {
          settle(j);
        }
      }
    }
  }

  /** Whether the envelope still counts against memory (not sent, dropped or kept on disk). */
  boolean isHeld(Outgoing o) {
    synchronized (lock) {
      return o.held;
    }
  }

  private void release(Outgoing o) { // lock held
    o.held = false;
    held--;
    heldBytes -= o.bytes.length;
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
      if (!current.isEmpty() && (current.size() >= maxCount || bytes + o.bytes.length > maxBytes)) {
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
    if (slots.get() != 0 || callerRuns.get() != 0 || sharedPending.get() != 0) {
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
      return slots.get() + callerRuns.get() + sharedPending.get() + held;
    }
  }

  /**
   * Whether every accepted envelope is serialized and, unless sent, has a copy on disk (nothing
   * waits for serialization or for a group commit).
   */
  boolean isDurable() {
    if (slots.get() != 0 || callerRuns.get() != 0 || sharedPending.get() != 0) {
      return false;
    }
    synchronized (lock) {
      for (Outgoing o : uncommitted) {
        if (o.held && o.journal == null) {
          return false;
        }
      }
      return true;
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
