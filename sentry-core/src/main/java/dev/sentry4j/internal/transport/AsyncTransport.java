package dev.sentry4j.internal.transport;

import dev.sentry4j.client.ClientStats;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.internal.clientreport.ClientReport;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import dev.sentry4j.options.Dsn;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The delivery pipeline: memory bounded in count and bytes, then a disk spool, two SDK threads,
 * retries, rate limits and client reports. The capturing thread normally only takes a memory slot
 * and queues the envelope. When no slot is free (the SDK is overloaded: a burst faster than the
 * intake worker serializes), it does the worker's job for its own envelope instead of dropping it:
 * processors, {@code beforeSend} and serialization on the capturing thread, then memory within
 * {@code maxQueueBytes}, else the disk spool in shared files (the thread that fills one writes it).
 * Only when neither memory nor the disk can take it is the envelope dropped and counted ({@code
 * queue_overflow}). Nothing is thrown to the caller. See the package documentation for the whole
 * design. Thread-safe.
 *
 * <pre>{@code
 * Transport transport = new AsyncTransport(options, HttpSenders.forDsn(options), discards);
 * transport.send(envelope);                  // never blocks
 * transport.flush(Duration.ofSeconds(15));   // memory and spool
 * transport.close(Duration.ofSeconds(2));    // what is left stays on disk for the next start
 * }</pre>
 */
public final class AsyncTransport implements Transport {
  /** Tells the intake worker to stop; everything behind it is saved by {@code close}. */
  private static final Envelope STOP = new Envelope(null, null, List.of());

  /** Wakes the intake worker for a group commit after a capturing thread placed an envelope. */
  private static final Envelope WAKE = new Envelope(null, null, List.of());

  /** Set while this thread serializes its own envelope (a beforeSend capturing again: dropped). */
  private static final ThreadLocal<boolean[]> RUNNING_ON_CALLER =
      ThreadLocal.withInitial(() -> new boolean[1]);

  /** Part of the close timeout kept for writing what is left to disk. */
  private static final long MAX_CLOSE_RESERVE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /**
   * Requests in flight and no answer at all for this long: close treats Sentry as unreachable (as
   * flush and close do after a refused connection or a timeout) and puts what waits on disk at
   * once.
   */
  static final long UNANSWERED_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** How long close waits for a busy sender thread once Sentry is known unreachable. */
  private static final long JOIN_UNREACHABLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * How long the intake worker sleeps between looks at its queue while envelopes keep coming, and
   * for how many looks in a row that find nothing; then it waits in the queue to be woken. A steady
   * stream then needs no wake-up from the capturing thread, at most this much later; an idle SDK
   * does not poll.
   */
  static final long DOZE_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  static final int DOZES = 3;

  private final LinkedBlockingQueue<Envelope> inbox = new LinkedBlockingQueue<>();
  private final IntakeHand hand = new IntakeHand(); // what the intake worker took, for close
  private final Backlog backlog;
  private final RateLimiter limits;
  private final HttpSender http;
  private final DiscardCounter discards;
  private final boolean reportsEnabled;
  private final Progress progress = new Progress();
  private final Sender sender;
  private final PendingCounts counts;

  /** Set when close wrote its client report: SDK threads ending later write their own. */
  private volatile boolean finalReportWritten;

  private final Thread intakeThread;
  private final Thread senderThread;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final AtomicLong ranOnCaller = new AtomicLong();
  private final Object placeLock = new Object(); // stopping is set, and callers place, under it
  private volatile boolean closing;
  private volatile boolean stopping;
  private volatile boolean refusedAtClose; // close's probe found Sentry refusing connections
  private int dozesLeft; // the intake worker's: empty looks left before it waits to be woken
  private volatile long dozed; // written by the intake worker only; for tests

  /** Test seam: called by the intake worker at {@link #SERIALIZING} and {@link #PLACING}. */
  volatile Consumer<String> intakeHook;

  static final String SERIALIZING = "serializing";
  static final String PLACING = "placing";
  static final String TOOK_OVER = "took over"; // on the closing thread

  /**
   * Creates and starts a memory-only pipeline without client reports.
   *
   * @param sender posts envelopes
   * @param maxQueueSize envelopes held in memory
   * @param discards where drops are counted
   */
  public AsyncTransport(HttpSender sender, int maxQueueSize, DiscardCounter discards) {
    this(
        sender,
        maxQueueSize,
        SentryOptions.DEFAULT_MAX_QUEUE_BYTES,
        false,
        null,
        discards,
        DeliveryTuning.DEFAULT);
  }

  /**
   * Creates and starts the pipeline the options describe: {@code maxQueueSize}, {@code
   * maxQueueBytes}, the spool ({@code cacheDirPath}, {@code maxCacheItems} — 0 turns it off — and
   * {@code maxCacheBytes}) and {@code sendClientReports}. Reads no file: envelopes left on disk by
   * an earlier run are found by the sender thread.
   *
   * @param options the options; must have a DSN
   * @param sender posts envelopes
   * @param discards where drops are counted
   * @throws IllegalArgumentException naming {@code cacheDirPath} when it is not a valid path
   */
  public AsyncTransport(SentryOptions options, HttpSender sender, DiscardCounter discards) {
    this(
        sender,
        options.getMaxQueueSize(),
        options.getMaxQueueBytes(),
        options.isSendClientReports(),
        spoolFor(options, discards),
        discards,
        DeliveryTuning.DEFAULT,
        options.getMaxInFlight());
  }

  AsyncTransport(
      HttpSender http,
      int maxQueueSize,
      long maxQueueBytes,
      boolean reportsEnabled,
      DiskSpool spool,
      DiscardCounter discards,
      DeliveryTuning tuning) {
    this(
        http,
        maxQueueSize,
        maxQueueBytes,
        reportsEnabled,
        spool,
        discards,
        tuning,
        SentryOptions.DEFAULT_MAX_IN_FLIGHT);
  }

  AsyncTransport(
      HttpSender http,
      int maxQueueSize,
      long maxQueueBytes,
      boolean reportsEnabled,
      DiskSpool spool,
      DiscardCounter discards,
      DeliveryTuning tuning,
      int maxInFlight) {
    this.http = http;
    this.discards = discards;
    this.reportsEnabled = reportsEnabled;
    this.limits = new RateLimiter(tuning.ticker);
    this.backlog = new Backlog(maxQueueSize, maxQueueBytes, spool, discards);
    this.sender =
        new Sender(http, backlog, limits, discards, reportsEnabled, tuning, progress, maxInFlight);
    this.counts = new PendingCounts(reportsEnabled ? spool : null, discards);
    this.intakeThread = new SdkThread(() -> runThenReport(this::runIntake), "worker");
    this.senderThread = new SdkThread(() -> runThenReport(this.sender), "sender");
    this.intakeThread.start();
    this.senderThread.start();
  }

  /** The spool the options ask for, or {@code null} when {@code maxCacheItems} is 0. */
  static DiskSpool spoolFor(SentryOptions options, DiscardCounter discards) {
    if (options.getMaxCacheItems() == 0 || options.getDsn() == null) {
      return null;
    }
    Dsn dsn = options.getDsn();
    Path dir =
        DiskSpool.directoryFor(
            options.getCacheDirPath(),
            dsn.getProjectId(),
            dsn.getPublicKey(),
            dsn.getEnvelopeUri().toString());
    return spoolAt(dir, options.getMaxCacheItems(), options.getMaxCacheBytes(), discards, null);
  }

  /**
   * A spool that counts evictions as {@code cache_overflow} (only the envelopes not delivered: see
   * {@link SpoolBatch#evicted}); {@code writer} null for the default.
   */
  static DiskSpool spoolAt(
      Path dir, int maxItems, long maxBytes, DiscardCounter discards, DiskSpool.FileWriter writer) {
    DiskSpool spool =
        writer == null
            ? new DiskSpool(dir, maxItems, maxBytes, evicted(discards))
            : new DiskSpool(dir, maxItems, maxBytes, evicted(discards), writer);
    return spool.readEvictedWith(SpoolBatch::evicted);
  }

  private static java.util.function.Consumer<String> evicted(DiscardCounter discards) {
    return manifest -> Manifest.record(discards, DiscardReason.CACHE_OVERFLOW, manifest);
  }

  @Override
  public boolean send(Envelope envelope) {
    if (closed.get()) {
      Drops.record(discards, DiscardReason.QUEUE_OVERFLOW, envelope);
      Diagnostics.debug("Envelope dropped: the transport is closed");
      return false;
    }
    Envelope kept = limits.filter(envelope, discards);
    if (kept == null) {
      Diagnostics.debug("Envelope dropped: Sentry's rate limit is running");
      return false;
    }
    if (!backlog.reserve()) {
      return runOnCaller(kept);
    }
    inbox.add(kept);
    if (stopping && inbox.remove(kept)) {
      // close may have saved the inbox already, and the worker stopped: this thread places it
      backlog.releaseSlots(1);
      return runOnCaller(kept);
    }
    return true;
  }

  /**
   * No slot was free: this (capturing) thread processes and serializes its own envelope, then
   * places it in memory within {@code maxQueueBytes}, else on disk. The overloaded caller pays for
   * its envelope instead of losing it. Never throws.
   */
  private boolean runOnCaller(Envelope envelope) {
    boolean[] running = RUNNING_ON_CALLER.get();
    if (running[0]) { // captured again from a beforeSend or processor running here: no recursion
      return overflow(envelope);
    }
    running[0] = true;
    backlog.beginCallerRun();
    try {
      ranOnCaller.incrementAndGet();
      Outgoing o = serialize(envelope); // null: dropped while being made, counted then
      if (o != null && !placeFromCaller(o)) {
        Manifest.record(discards, DiscardReason.QUEUE_OVERFLOW, o.manifest);
        Diagnostics.warn("Envelope dropped: the in-memory queue is full and the disk refuses");
        return false;
      }
      return true;
    } catch (OutOfMemoryError e) {
      recordQuietly(envelope, DiscardReason.INTERNAL_SDK_ERROR);
      Diagnostics.outOfMemory("serializing an envelope on the capturing thread", e);
      return false;
    } catch (Throwable t) { // NOPMD: nothing throws into the application
      recordQuietly(envelope, DiscardReason.INTERNAL_SDK_ERROR);
      Diagnostics.error("intake", "Unexpected failure while queueing an envelope", t);
      return false;
    } finally {
      backlog.endCallerRun();
      running[0] = false;
      progress.changed();
    }
  }

  private boolean overflow(Envelope envelope) {
    Drops.record(discards, DiscardReason.QUEUE_OVERFLOW, envelope);
    Diagnostics.warn("Envelope dropped: the in-memory queue is full");
    return false;
  }

  /**
   * Places an envelope a capturing thread serialized: memory if it fits and Sentry answers, else
   * the shared overflow file on disk; once the threads stop (close), straight to a file of its own.
   *
   * @return false when neither memory nor the disk took it
   */
  private boolean placeFromCaller(Outgoing o) {
    synchronized (placeLock) {
      if (!stopping) {
        boolean diskFirst = (closing || sender.isOffline()) && backlog.canSpill();
        if (!diskFirst && backlog.tryHold(o)) {
          sender.wake();
          wakeIntake(); // its group commit
          return true;
        }
      }
    }
    if (!backlog.canSpill()) {
      return false;
    }
    if (stopping) {
      return backlog.toDisk(List.of(o)); // close has saved the rest already, or is saving it
    }
    if (!backlog.spillShared(o)) {
      return false;
    }
    if (stopping) {
      backlog.flushShared(true); // close may have written the shared file before this one came
    } else {
      wakeIntake(); // writes the shared file once it is due
    }
    return true;
  }

  private void wakeIntake() {
    if (wakePending.compareAndSet(false, true)) {
      inbox.add(WAKE);
    }
  }

  @Override
  public boolean flush(Duration timeout) {
    return flush(timeout, false);
  }

  /**
   * Waits for memory and the spool to drain, giving up early when Sentry is known unreachable.
   *
   * @param closing also give up when requests have had no answer for {@link
   *     #UNANSWERED_LIMIT_NANOS} (a flush waits for Sentry's answers or a timeout; close does not)
   */
  private boolean flush(Duration timeout, boolean closing) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    if (backlog.spool() != null) {
      backlog.spool().rescan(); // what an earlier run (or a client closed just now) left counts too
    }
    if (!senderThread.isAlive()) {
      return backlog.isEmpty();
    }
    sender.beginFlush();
    try {
      boolean drained = progress.await(deadline, () -> backlog.isEmpty() || isUnreachable(closing));
      if (drained && !backlog.isEmpty()) {
        // Sentry is known unreachable: waiting out the timeout would not send anything. What waits
        // in memory goes to disk now (the intake worker does the same with what comes next).
        backlog.spillOutbox();
        Diagnostics.debug("Flush returns early: Sentry cannot be reached; the backlog is on disk");
        return false;
      }
      if (drained && reportsEnabled) {
        long ticket = sender.requestReport();
        progress.await(deadline, () -> sender.isReportDone(ticket) || !senderThread.isAlive());
        counts.save(); // reported: the saved counts go (or what is still pending is saved)
      }
      return drained;
    } finally {
      sender.endFlush();
    }
  }

  /**
   * Flushes for most of {@code timeout} — halfway through, what still waits in memory is written to
   * the spool and sent from there — then stops both threads (a request still in flight is cut and
   * its envelope kept) and writes what is still left, plus the pending client report, to the spool
   * for the next start. What cannot be written in time is dropped and counted. Without a usable
   * spool, what is left in memory is dropped and counted.
   */
  @Override
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long total = Math.max(0, timeout.toNanos());
    long deadline = System.nanoTime() + total;
    long reserve = Math.min(total / 4, MAX_CLOSE_RESERVE_NANOS);
    long sendUntil = deadline - reserve;
    if (reportsEnabled) {
      sender.requestReport(); // what was dropped so far, even if the backlog cannot be sent in time
    }
    probeIfNothingAnswered(Math.min(total / 4, MAX_CLOSE_RESERVE_NANOS));
    boolean flushed =
        flush(untilNanos(System.nanoTime() + (sendUntil - System.nanoTime()) / 2), true);
    if (!flushed) {
      // Half the time is gone and envelopes still wait: secure them first. What waits in memory
      // goes to disk now (64 envelopes per file), and so does everything the intake worker
      // serializes from here on; the flush then sends from disk, and what it cannot send in time
      // is already where the next start finds it. A short backlog never touches the disk.
      closing = true;
      backlog.spillOutbox();
      flushed = flush(untilNanos(sendUntil), true);
    }
    synchronized (placeLock) {
      stopping = true; // capturing threads place straight on disk from now on
    }
    inbox.add(STOP);
    long joinUntil = deadline - reserve / 2; // the rest of the reserve saves what they left
    // answers to requests in flight are awaited (not if Sentry is unreachable), then what is still
    // unanswered is kept for the next start
    boolean unreachable = isUnreachable(true);
    sender.stop(unreachable ? System.nanoTime() : joinUntil - reserve / 4);
    join(intakeThread, joinUntil);
    // Sentry unreachable: a sender thread still busy (a first request loading the HTTP stack) is
    // not waited for; what it holds in flight is saved below (it may save it too: at least once)
    join(senderThread, capWhenUnreachable(unreachable, joinUntil));
    http.close(); // cuts what is still in flight; its envelopes are kept
    int dropped = saveLeftovers(deadline);
    // what the threads still hold (a report in flight, an answer being handled) is counted when
    // they end: give them the time left, then each writes what it counts after this report itself
    // (Sentry unreachable: not waited for — a sender still loading the HTTP stack holds the exit)
    long lateUntil = capWhenUnreachable(unreachable, deadline);
    join(senderThread, lateUntil);
    join(intakeThread, lateUntil);
    if (reportsEnabled) {
      spoolPendingReport();
    }
    progress.changed();
    if (!flushed) {
      Diagnostics.warn(
          "Closed before everything was sent: "
              + backlog.onDisk()
              + " envelope(s) wait on disk for the next start"
              + (dropped > 0 ? ", " + dropped + " dropped and counted" : ""));
    }
  }

  /**
   * How long close waits for an SDK thread: {@code until}, or at most {@link
   * #JOIN_UNREACHABLE_NANOS} from now once Sentry is known unreachable.
   */
  private static long capWhenUnreachable(boolean unreachable, long until) {
    return unreachable ? Math.min(until, System.nanoTime() + JOIN_UNREACHABLE_NANOS) : until;
  }

  /**
   * Whether Sentry is known unreachable: the last attempt failed (refused, timed out, 5xx) and the
   * sender backs off, or requests are in flight without any answer for {@link
   * #UNANSWERED_LIMIT_NANOS}.
   */
  private boolean isUnreachable(boolean closing) {
    return sender.isOffline()
        || (closing && (refusedAtClose || sender.unansweredNanos() > UNANSWERED_LIMIT_NANOS));
  }

  /**
   * At close, when Sentry has not answered anything yet (a short-lived process: the first request
   * may still wait for the cold HTTP stack and serializer to load, seconds on a busy machine),
   * probes Sentry's port on a daemon thread: a refused connection makes Sentry known unreachable at
   * once, so close puts what waits on disk instead of waiting for that first request's answer.
   */
  private void probeIfNothingAnswered(long timeoutNanos) {
    if (sender.sentCount() > 0 || sender.isOffline()) {
      return;
    }
    Duration timeout = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), timeoutNanos));
    Thread probe =
        new SdkThread(
            () -> {
              if (http.refusesConnections(timeout)) {
                refusedAtClose = true;
                Diagnostics.debug("Close: Sentry refuses connections; what waits goes to disk");
                progress.changed();
              }
            },
            "close-probe");
    probe.start();
  }

  @Override
  public ClientStats getStats() {
    return new ClientStats(
        backlog.inMemory(), backlog.onDisk(), sender.sentCount(), discards.totals());
  }

  // ------------------------------------------------------------------ the intake worker

  private void runIntake() {
    List<IntakeHand.Entry> toDisk = new ArrayList<>();
    while (true) {
      try {
        if (!intakeStep(toDisk)) {
          return;
        }
      } catch (OutOfMemoryError e) {
        // Between envelopes (a commit, the counts): nothing is lost, the worker goes on; delivery
        // must not end for the life of the process.
        toDisk.clear();
        Diagnostics.outOfMemory("the intake worker", e);
      } catch (Throwable t) { // the worker must survive anything
        toDisk.clear();
        Diagnostics.error("intake", "Unexpected failure in the intake worker; it goes on", t);
      }
    }
  }

  /** One round of the intake worker; false once it must stop. */
  private boolean intakeStep(List<IntakeHand.Entry> toDisk) {
    Object polled = hand.poll(inbox, STOP, WAKE);
    if (polled == null) {
      long untilCommit = Math.min(backlog.nanosUntilCommit(), counts.nanosUntilSave());
      if (dozesLeft > 0) {
        // Busy lately: look again soon rather than wait to be woken. The queue wakes only a
        // thread waiting in it, so a capturing thread now queues without a wake-up call (a
        // system call and a context switch on the application's thread).
        dozesLeft--;
        dozed++;
        LockSupport.parkNanos(Math.max(1, Math.min(DOZE_NANOS, untilCommit)));
        polled = hand.poll(inbox, STOP, WAKE);
      } else {
        Envelope envelope;
        try {
          envelope =
              untilCommit == Long.MAX_VALUE
                  ? inbox.take()
                  : inbox.poll(Math.max(1, untilCommit), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          return true; // only STOP ends the loop: an interrupt must not cut a spool write
        }
        // registered at once, so that close can take it over (the only gap: these instructions)
        polled =
            envelope == null || envelope == STOP || envelope == WAKE
                ? envelope
                : hand.add(envelope);
      }
    }
    if (polled == null || polled == WAKE) {
      if (polled == WAKE) {
        wakePending.set(false);
      }
      housekeeping();
      return true;
    }
    if (polled == STOP) {
      return false;
    }
    dozesLeft = DOZES;
    int taken = 1;
    boolean stop = false;
    long started = System.nanoTime();
    try {
      intake((IntakeHand.Entry) polled, toDisk);
      // Going to disk: take what else waits, without waiting, to write it in the same file.
      while (!toDisk.isEmpty() && toDisk.size() < SpoolBatch.MAX_ENVELOPES && !stopping) {
        Object next = hand.poll(inbox, STOP, WAKE);
        if (next == null) {
          break;
        }
        if (next == STOP) {
          stop = true;
          break;
        }
        if (next == WAKE) {
          wakePending.set(false);
          continue;
        }
        taken++;
        intake((IntakeHand.Entry) next, toDisk);
      }
      if (!toDisk.isEmpty()) {
        hook(PLACING); // grabbed, not placed
      }
      place(toDisk);
    } catch (OutOfMemoryError e) {
      // what was on its way to disk is lost: counted, and the references dropped
      try {
        for (IntakeHand.Entry entry : toDisk) {
          if (IntakeHand.own(entry)) {
            Manifest.record(discards, DiscardReason.INTERNAL_SDK_ERROR, entry.outgoing.manifest);
          }
        }
      } catch (Throwable ignored) { // NOPMD: still no memory
      }
      Diagnostics.outOfMemory("the intake worker", e);
    } catch (RuntimeException t) {
      Diagnostics.error("intake", "Unexpected failure while queueing an envelope", t);
      for (IntakeHand.Entry entry : toDisk) {
        if (IntakeHand.own(entry)) {
          Manifest.record(discards, DiscardReason.INTERNAL_SDK_ERROR, entry.outgoing.manifest);
        }
      }
    } finally {
      toDisk.clear();
      int takenOver = hand.endStep(); // their slots are close's to give back
      backlog.paceIntake(taken, System.nanoTime() - started);
      backlog.releaseSlots(taken - takenOver);
    }
    sender.wake();
    if (backlog.nanosUntilCommit() == 0) {
      housekeeping();
    }
    progress.changed();
    return !(stop || stopping); // close() saves what is still queued
  }

  /**
   * Writes what goes to disk, in files of up to {@link SpoolBatch#MAX_ENVELOPES}; each file only if
   * its envelopes are still the worker's just before the write (close may have taken them over:
   * then it writes them). What the disk refuses stays in memory if it fits, else is counted.
   */
  private void place(List<IntakeHand.Entry> toDisk) {
    if (toDisk.isEmpty()) {
      return;
    }
    List<Outgoing> all = new ArrayList<>(toDisk.size());
    for (IntakeHand.Entry entry : toDisk) {
      all.add(entry.outgoing);
    }
    List<Outgoing> rest = new ArrayList<>();
    int from = 0;
    for (List<Outgoing> batch : backlog.batches(all)) {
      List<IntakeHand.Entry> entries = toDisk.subList(from, from + batch.size());
      from += batch.size();
      if (!backlog.toDiskIfClaimed(batch, () -> hand.claimAll(entries))) {
        for (IntakeHand.Entry entry : entries) {
          if (IntakeHand.own(entry)) { // refused, or close took others of the file
            rest.add(entry.outgoing);
          }
        }
      }
    }
    // stopping: close may have saved the memory already, and the sender stops: refused is dropped
    backlog.spill(rest, !stopping);
  }

  private void hook(String point) {
    Consumer<String> h = intakeHook;
    if (h != null) {
      h.accept(point);
    }
  }

  /** Group commit of what waits in memory, and the drop counts, when due. */
  private void housekeeping() {
    if (backlog.nanosUntilCommit() == 0) {
      backlog.commit();
    }
    if (counts.nanosUntilSave() == 0) {
      counts.save();
    }
  }

  /**
   * Applies rate limits and serializes (without {@code sent_at}); keeps the result in memory for
   * the sender, or adds it to {@code toDisk} when memory is full, Sentry cannot be reached or the
   * transport closes. Nothing, when close took the envelope over.
   */
  private void intake(IntakeHand.Entry entry, List<IntakeHand.Entry> toDisk) {
    if (!IntakeHand.startSerializing(entry)) {
      return; // close took it over: it serializes and spools it
    }
    hook(SERIALIZING);
    Outgoing o;
    try {
      o = serialize(entry.envelope);
    } catch (OutOfMemoryError e) {
      if (IntakeHand.serialized(entry, null)) { // else close gave up on it and counted it
        recordQuietly(entry.envelope, DiscardReason.INTERNAL_SDK_ERROR);
      }
      Diagnostics.outOfMemory("serializing an envelope", e);
      return;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      if (IntakeHand.serialized(entry, null)) {
        recordQuietly(entry.envelope, DiscardReason.INTERNAL_SDK_ERROR);
      }
      Diagnostics.error("intake", "Unexpected failure while queueing an envelope", t);
      return;
    }
    if (!IntakeHand.serialized(entry, o) || o == null) {
      return; // dropped while being made (counted then), or close has it (handed over or counted)
    }
    boolean diskFirst = (closing || stopping || sender.isOffline()) && backlog.canSpill();
    if (diskFirst || !backlog.tryHold(o, () -> IntakeHand.claim(entry))) {
      toDisk.add(entry);
    }
  }

  private Outgoing serialize(Envelope envelope) {
    Envelope kept = limits.filter(envelope, discards);
    if (kept == null) {
      return null;
    }
    try {
      byte[] bytes =
          EnvelopeWriter.write(kept, null); // makes deferred items: processors, beforeSend
      if (bytes == null) {
        return null; // every item dropped while being made, and counted then
      }
      return new Outgoing(bytes, Manifest.of(kept), null);
    } catch (RuntimeException e) {
      recordQuietly(kept, DiscardReason.INTERNAL_SDK_ERROR);
      Diagnostics.error("serialize", "Could not serialize an envelope; dropped", e);
      return null;
    }
  }

  // ------------------------------------------------------------------ closing

  /** Writes what is still in memory to disk; returns how many envelopes had to be dropped. */
  private int saveLeftovers(long deadline) {
    DiscardReason reason =
        sender.isOffline() ? DiscardReason.NETWORK_ERROR : DiscardReason.QUEUE_OVERFLOW;
    int dropped = 0;
    // What the intake worker holds, if it did not stop in time (starved: the JVM may exit with it),
    // and what waits in the inbox. What the worker claimed already is placed: wait for that.
    IntakeHand.TakenOver taken = hand.takeOver(inbox, STOP, WAKE);
    backlog.awaitSpoolWrite();
    List<Outgoing> left = new ArrayList<>(taken.serialized);
    left.addAll(backlog.drainOutbox());
    if (senderThread.isAlive()) {
      left.addAll(sender.inFlightFromMemory()); // stuck in a request: keep its envelopes too
    }
    hook(TOOK_OVER);
    backlog.flushShared(true); // what capturing threads left in the shared overflow file
    for (Envelope e : taken.unserialized) {
      // Serialized and spooled even past the deadline: at most maxQueueSize envelopes, and close
      // must keep them for the next start, not drop them as queue_overflow.
      Outgoing o = serialize(e); // null: dropped and counted already
      if (o != null) {
        left.add(o);
      }
    }
    dropped += saveOrCount(left, reason);
    // Last, to give it the most time: the envelope the worker was serializing (its processors and
    // beforeSend run there; close cannot make it again). Handed over by now: spooled; else counted.
    List<Outgoing> handed = new ArrayList<>();
    for (IntakeHand.Entry e : taken.serializing) {
      if (IntakeHand.giveUp(e)) {
        recordQuietly(e.envelope, reason);
        dropped++;
      } else if (e.outgoing != null) {
        handed.add(e.outgoing);
      }
    }
    dropped += saveOrCount(handed, reason);
    backlog.releaseSlots(taken.slots);
    return dropped;
  }

  /** Writes envelopes to disk at close; what the disk refuses is counted. Returns how many. */
  private int saveOrCount(List<Outgoing> envelopes, DiscardReason reason) {
    int dropped = 0;
    for (List<Outgoing> batch : backlog.batches(envelopes)) {
      if (!backlog.toDisk(batch)) {
        for (Outgoing o : batch) {
          if (o.kept) {
            continue; // its copy is on disk
          }
          Manifest.record(discards, reason, o.manifest);
          backlog.unhold(o);
          dropped++;
        }
      }
    }
    return dropped;
  }

  /**
   * Runs an SDK thread's loop; a thread that ends after close wrote its final client report (it did
   * not stop in time: a report in flight put back, an answer counted late) writes what it counted
   * since, or those counts would be lost with the process.
   */
  private void runThenReport(Runnable loop) {
    try {
      loop.run();
    } finally {
      if (finalReportWritten && reportsEnabled) {
        try {
          spoolPendingReport();
        } catch (RuntimeException | OutOfMemoryError e) {
          Diagnostics.error("client-report", "Could not keep the last drop counts", e);
        }
      }
    }
  }

  /**
   * Keeps the counts nobody reported yet on disk, for the next start to send. Called by close, then
   * by an SDK thread that ends later (with what it counted since); the saved counts are not written
   * again after the first call.
   */
  private void spoolPendingReport() {
    DiskSpool spool = backlog.spool();
    if (spool == null) {
      return;
    }
    synchronized (counts) {
      finalReportWritten = true;
      counts.stopSaving(); // the report below holds what they hold
      writePendingReport(spool);
    }
  }

  private void writePendingReport(DiskSpool spool) {
    ClientReport report = ClientReport.take(discards, Instant.now());
    if (report == null) {
      counts.discard();
      return;
    }
    byte[] bytes = EnvelopeWriter.write(Sender.reportEnvelope(report), null);
    String manifest = "client_report~1~1~" + report.payload().length;
    byte[] file = SpoolBatch.encode(List.of(new SpoolBatch.Record(manifest, bytes)));
    // Never evicts: an eviction now would be counted after this report was taken, and lost.
    if (spool.storeWithoutEviction(file, 1, manifest) == null) {
      report.restoreTo(discards);
      counts.leave(); // the counts saved last stay for the next start
    } else {
      counts.discard();
    }
  }

  private void recordQuietly(Envelope envelope, DiscardReason reason) {
    try {
      Drops.record(discards, reason, envelope);
    } catch (RuntimeException e) {
      // counting must not fail the worker
    }
  }

  private static Duration untilNanos(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private static void join(Thread thread, long deadline) {
    long left = deadline - System.nanoTime();
    try {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ for tests

  /** Envelopes serialized on a capturing thread because no slot was free. */
  long ranOnCaller() {
    return ranOnCaller.get();
  }

  /** How many short sleeps the intake worker and the sender thread took instead of waiting. */
  long dozes() {
    return dozed + sender.dozes();
  }

  /** Most envelopes ever waiting for serialization at once. */
  int peakQueued() {
    return backlog.peakSlots();
  }

  /** Most serialized bytes ever held in memory at once. */
  long peakQueuedBytes() {
    return backlog.peakHeldBytes();
  }

  /** Whether everything accepted so far was sent or has a copy on disk. */
  boolean isDurable() {
    return backlog.isDurable();
  }

  /** Whether Sentry could not be reached at the last attempt. */
  boolean isOffline() {
    return sender.isOffline();
  }

  /** Whether a rate limit covers the category now. */
  boolean isRateLimited(DataCategory category) {
    return limits.isLimited(category);
  }
}
