package dev.sentry4j.internal.transport;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.OutOfMemory;
import dev.sentry4j.internal.clientreport.ClientReport;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import dev.sentry4j.spi.Diagnostics;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sender thread's work: takes serialized envelopes from memory first, then from the disk spool
 * (oldest file first), writes {@code sent_at}, applies rate limits, attaches a client report when
 * one is due, and keeps up to {@code maxInFlight} requests in flight at once ({@link
 * HttpSender#sendAsync}); answers come back to this thread, which acts on them:
 *
 * <ul>
 *   <li>2xx: done;
 *   <li>429: dropped without a client report (Relay counted it), limits updated;
 *   <li>413 and other 4xx: dropped, {@code send_error};
 *   <li>5xx and network errors: kept on disk (or in memory without a spool) and retried after an
 *       exponential back-off with jitter; meanwhile new envelopes go to disk. An envelope answered
 *       with 5xx {@code maxServerErrorAttempts} times is dropped ({@code send_error}). After a
 *       back-off one request probes Sentry; its success opens the window again.
 * </ul>
 *
 * <p>Rate limits arrive with any answer. While a category is limited, its envelopes in memory are
 * dropped ({@code ratelimit_backoff}) and its spooled files are left alone until the limit ends.
 * Ordering is not promised. Everything but {@link #run}, the completion callbacks and the
 * signalling methods is confined to the sender thread; callbacks only queue the answer and wake it.
 *
 * <p>Outages are reported once: the first failure after a success logs one warning naming the cause
 * and what waits on disk; the first success after it logs one notice.
 */
final class Sender implements Runnable {
  private static final int MAX_TRACKED_FAILURES = 10_000;

  private final HttpSender http;
  private final Backlog backlog;
  private final DiskSpool spool;
  private final RateLimiter limits;
  private final DiscardCounter discards;
  private final boolean reportsEnabled;
  private final DeliveryTuning tuning;
  private final Ticker ticker;
  private final Progress progress;
  private final int maxInFlight;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean signalled; // guarded by lock
  private final Doze doze = new Doze(); // the sender thread's (see Doze)

  private volatile boolean stopping;
  private volatile long drainUntil;
  private volatile boolean offline;
  private final AtomicInteger flushers = new AtomicInteger();
  private final AtomicLong reportRequests = new AtomicLong();
  private volatile long reportsDone;
  private final AtomicLong sent = new AtomicLong();

  /** Answers (or failures) of requests in flight, queued by the HTTP client's threads. */
  private final ConcurrentLinkedQueue<Attempt> answered = new ConcurrentLinkedQueue<>();

  /** Requests in flight (written by the sender thread, read by flush and close). */
  private volatile int inFlightCount;

  /** When the oldest unanswered stretch began: last answer, or the first request after idle. */
  private volatile long waitingSince;

  // confined to the sender thread
  private int failures;
  private long backoffUntil;
  private long lastFailureAt; // meaningful while offline
  private long lastReportAt;
  private long nextRescanAt;

  /** Written by the sender thread only; read by {@link #inFlightFromMemory} after a stuck stop. */
  private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();

  /** Claimed spool files being sent; the last one is where new envelopes come from. */
  private final List<Cursor> cursors = new ArrayList<>();

  /** 5xx answers per spooled envelope, by a hash of its bytes. */
  private final Map<Long, Integer> serverErrorsBySpooled = new HashMap<>();

  /** Memory envelopes to keep for a retry, written to disk together after a batch of answers. */
  private final List<Outgoing> toKeep = new ArrayList<>();

  /** The cause of the outage going on, or {@code null} while Sentry answers. */
  private String outage;

  private long outageStartedAt;

  Sender(
      HttpSender http,
      Backlog backlog,
      RateLimiter limits,
      DiscardCounter discards,
      boolean reportsEnabled,
      DeliveryTuning tuning,
      Progress progress,
      int maxInFlight) {
    this.http = http;
    this.backlog = backlog;
    this.spool = backlog.spool();
    this.limits = limits;
    this.discards = discards;
    this.reportsEnabled = reportsEnabled;
    this.tuning = tuning;
    this.ticker = tuning.ticker;
    this.progress = progress;
    this.maxInFlight = Math.max(1, maxInFlight);
  }

  // ------------------------------------------------------------------ signals from other threads

  /** Something new waits, or a flush started: look again now. */
  void wake() {
    lock.lock();
    try {
      signalled = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the loop after the current step; requests still in flight are kept for a later send. */
  void stop() {
    stop(System.nanoTime());
  }

  /**
   * Ends the loop after the current step; answers to requests in flight are awaited until {@code
   * drainUntil} ({@code System.nanoTime()}), what is still unanswered then is kept for a later send
   * (and may arrive twice: delivery is at least once).
   */
  void stop(long drainUntil) {
    this.drainUntil = drainUntil;
    stopping = true;
    wake();
  }

  /** Whether Sentry could not be reached at the last attempt (new envelopes then go to disk). */
  boolean isOffline() {
    return offline;
  }

  /**
   * How long requests have been in flight without any answer, in nanoseconds of {@code
   * System.nanoTime()}; 0 when nothing is in flight.
   */
  long unansweredNanos() {
    if (inFlightCount == 0) {
      return 0;
    }
    return Math.max(0, System.nanoTime() - waitingSince);
  }

  /**
   * The envelopes from memory in flight now: for close to save when the sender thread did not stop
   * in time (it may save them too: delivery is at least once). Thread-safe.
   */
  List<Outgoing> inFlightFromMemory() {
    List<Outgoing> out = new ArrayList<>();
    for (Attempt a : inFlight) {
      if (a.outgoing != null && a.outgoing.inMemory()) {
        out.add(a.outgoing);
      }
    }
    return out;
  }

  /** A flush waits: send without pausing. */
  void beginFlush() {
    flushers.incrementAndGet();
    wake();
  }

  void endFlush() {
    flushers.decrementAndGet();
  }

  /**
   * Asks for a client report to be sent before the next envelope, if anything is pending (not while
   * backing off); returns a ticket.
   */
  long requestReport() {
    long ticket = reportRequests.incrementAndGet();
    wake();
    return ticket;
  }

  /** Whether the report asked for with {@code ticket} was sent or could not be sent. */
  boolean isReportDone(long ticket) {
    return reportsDone >= ticket;
  }

  /** How many short sleeps the sender thread took instead of waiting to be woken (for tests). */
  long dozes() {
    return doze.count();
  }

  /** Envelopes Sentry accepted. */
  long sentCount() {
    return sent.get();
  }

  // ------------------------------------------------------------------ the loop

  @Override
  public void run() {
    long now = ticker.nanoTime();
    lastReportAt = now;
    nextRescanAt = now + tuning.rescanIntervalNanos;
    if (spool != null) {
      spool.open(); // left by an earlier run: read here, never on the thread calling init
    }
    progress.changed();
    while (!stopping) {
      try {
        step();
      } catch (OutOfMemoryError e) {
        // the sender goes on: delivery must not end for the life of the process
        if (OutOfMemory.absorbed()) {
          try {
            Diagnostics.error("out-of-memory", "Out of memory in the sender; it goes on", e);
          } catch (Throwable ignored) { // NOPMD: still no memory
          }
        }
        awaitSignal(tuning.maxParkNanos);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) { // the sender must survive anything
        Diagnostics.error("sender", "Unexpected failure in the sender; it goes on", t);
        awaitSignal(tuning.maxParkNanos);
      }
    }
    try {
      handleAnswers(); // what came back in the meantime
      while (!inFlight.isEmpty() && drainUntil - System.nanoTime() > 0) {
        awaitSignal(Math.min(drainUntil - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(20)));
        handleAnswers();
      }
    } finally {
      abandonInFlight();
    }
  }

  private void step() {
    handleAnswers();
    long now = ticker.nanoTime();
    boolean backingOff = offline && backoffUntil - now > 0;
    long asked = reportRequests.get();
    if (asked > reportsDone && !reportInFlight()) { // a flush or close asked: before the next one
      if (backingOff || !dispatchReport(now, asked)) {
        reportsDone = asked;
        progress.changed();
      }
    }
    if (backingOff) {
      awaitSignal(backoffUntil - now);
      return;
    }
    // after a failure one request probes Sentry; its success opens the window again
    int window = offline ? 1 : maxInFlight;
    boolean dispatched = false;
    // answers first: a synchronous sender (one request at a time) then sees each before the next
    while (inFlight.size() < window && !stopping && answered.isEmpty()) {
      Attempt next = nextAttempt();
      if (next == null) {
        break;
      }
      inFlight.add(next); // from here on a close that gives up on this thread finds it
      dispatch(next, ticker.nanoTime());
      dispatched = true;
      doze.busy();
      if (offline) {
        break;
      }
    }
    if (dispatched) {
      progress.changed();
      return;
    }
    if (!inFlight.isEmpty()) {
      if (inFlight.size() >= window) {
        doze.stop(); // only an answer frees the window: be woken by it (bursts), not doze
      }
      awaitSignal(tuning.maxParkNanos); // an answer wakes us
      return;
    }
    idle(now);
  }

  private void idle(long now) {
    if (reportsEnabled && now - lastReportAt >= tuning.standaloneReportIntervalNanos) {
      lastReportAt = now;
      dispatchReport(now, 0);
      return;
    }
    if (spool != null && now - nextRescanAt >= 0) {
      nextRescanAt = now + tuning.rescanIntervalNanos;
      spool.rescan();
      if (spool.hasFiles()) {
        return;
      }
    }
    progress.changed();
    long wait = tuning.maxParkNanos;
    long untilLimitEnds = limits.nanosUntilNextExpiry();
    if (untilLimitEnds > 0) {
      wait = Math.min(wait, untilLimitEnds);
    }
    awaitSignal(wait);
  }

  private void awaitSignal(long nanos) {
    if (doze.canDoze() && nanos > 0) {
      doze(nanos);
      return;
    }
    lock.lock();
    try {
      if (!signalled
          && nanos > 0
          && answered.isEmpty()
          && (!stopping || drainUntil - System.nanoTime() > 0)) {
        wake.awaitNanos(nanos);
      }
      signalled = false;
    } catch (InterruptedException e) {
      // only stop() ends the loop
    } finally {
      lock.unlock();
    }
  }

  /**
   * Busy lately (sent or answered): sleeps {@code nanos} (at most {@link Doze#NANOS}) without
   * waiting on the condition, so that {@link #wake} from the intake worker or an HTTP thread has no
   * thread to wake up (no system call on their side); what they signalled meanwhile is seen when
   * the loop looks again.
   */
  private void doze(long nanos) {
    doze.take();
    lock.lock();
    try {
      if (signalled || !answered.isEmpty() || stopping) {
        signalled = false;
        return;
      }
    } finally {
      lock.unlock();
    }
    LockSupport.parkNanos(Math.min(nanos, Doze.NANOS));
    lock.lock();
    try {
      signalled = false;
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ what to send next

  /** One request: an envelope (from memory or a spool file) or a client report alone. */
  private static final class Attempt {
    final Outgoing outgoing; // null for a report alone
    final Cursor cursor; // the spool file, or null
    final int index; // in the cursor
    SerializedEnvelope parsed; // null when the bytes were sent as they are
    boolean[] keep;
    ClientReport report;
    long reportTicket;
    long dispatchedAt;
    volatile HttpResult result;
    volatile Throwable error;

    Attempt(Outgoing outgoing, Cursor cursor, int index) {
      this.outgoing = outgoing;
      this.cursor = cursor;
      this.index = index;
    }
  }

  /** A claimed spool file whose envelopes are sent concurrently; released when all are answered. */
  private static final class Cursor {
    final DiskSpool.Claim claim;
    final List<SpoolBatch.Record> records;
    final byte[] states; // what each record's state byte in the file says now
    int next;
    int inFlight;

    /**
     * Stop taking envelopes from it: the rest goes back to the spool when the last answer is in.
     */
    boolean abandoned;

    Cursor(DiskSpool.Claim claim, List<SpoolBatch.Record> records) {
      this.claim = claim;
      this.records = records;
      this.states = new byte[records.size()];
      for (int i = 0; i < states.length; i++) {
        states[i] = records.get(i).state; // DONE: delivered by a process killed before it settled
      }
      skipDone();
    }

    boolean exhausted() {
      return abandoned || next >= records.size();
    }

    /** Whether record {@code index} was delivered, or dropped for good and counted. */
    boolean done(int index) {
      return states[index] == SpoolBatch.DONE;
    }

    void skipDone() {
      while (next < states.length && done(next)) {
        next++;
      }
    }

    /** Writes a record's state in the file (in place) and remembers it for a rewrite. */
    void mark(int index, byte state) {
      states[index] = state;
      SpoolBatch.mark(claim, records.get(index), state);
    }
  }

  private Attempt nextAttempt() {
    Outgoing o = backlog.pollOutbox();
    if (o != null) {
      return new Attempt(o, null, -1);
    }
    if (spool == null) {
      return null;
    }
    Cursor c = cursors.isEmpty() ? null : cursors.get(cursors.size() - 1);
    if (c == null || c.exhausted()) {
      if (!spool.hasFiles()) {
        return null;
      }
      c = claimFromSpool();
      if (c == null) {
        return null;
      }
      cursors.add(c);
    }
    int index = c.next++;
    c.skipDone();
    SpoolBatch.Record r = c.records.get(index);
    c.inFlight++;
    return new Attempt(new Outgoing(r.bytes, r.manifest, c.claim), c, index);
  }

  private Cursor claimFromSpool() {
    DiskSpool.Claim claim = spool.claimOldest(manifest -> !limits.coversAny(manifest));
    if (claim == null) {
      return null;
    }
    try {
      List<SpoolBatch.Record> records = SpoolBatch.decode(claim.read());
      Cursor c = new Cursor(claim, records);
      if (c.exhausted()) {
        spool.complete(claim); // everything in it was done with before a kill
        return null;
      }
      return c;
    } catch (IOException | SpoolBatch.MalformedException | RuntimeException e) {
      Manifest.record(discards, DiscardReason.INTERNAL_SDK_ERROR, claim.manifest());
      spool.quarantine(claim);
      Diagnostics.warn(
          "corrupt",
          "A spool file is corrupt (" + e.getMessage() + "); it is moved aside and counted",
          null);
      return null;
    }
  }

  // ------------------------------------------------------------------ sending

  private void dispatch(Attempt a, long now) {
    Outgoing o = a.outgoing;
    byte[] wire;
    try {
      wire = prepare(a, now);
    } catch (SerializedEnvelope.MalformedException e) {
      restore(a.report); // taken for this envelope, which is not sent
      discardCorrupt(a, e.getMessage());
      inFlight.remove(a);
      return;
    }
    if (wire == null) {
      inFlight.remove(a);
      return; // dropped or put back
    }
    send(a, wire, now);
    if (Diagnostics.isDebug()) {
      Diagnostics.debug("Envelope handed to HTTP (" + wire.length + " bytes, " + o.manifest + ")");
    }
  }

  /** The bytes to post, or {@code null} when the envelope is not to be sent now. */
  private byte[] prepare(Attempt a, long now) throws SerializedEnvelope.MalformedException {
    Outgoing o = a.outgoing;
    SerializedEnvelope envelope = null;
    if (!o.inMemory()) {
      envelope = SerializedEnvelope.parse(o.bytes); // read from disk: check that it is whole
    }
    boolean[] keep = null;
    if (limits.isActive()) {
      if (!o.inMemory() && limits.coversAny(o.manifest)) {
        notSent(a); // spooled envelopes wait for the limit to end
        a.cursor.abandoned = true;
        retire(a.cursor);
        return null;
      }
      if (envelope == null) {
        envelope = SerializedEnvelope.parse(o.bytes);
      }
      keep = limitedItems(envelope);
      if (keep != null && !any(keep)) {
        finish(a);
        record(o, envelope, keep, false, DiscardReason.RATELIMIT_BACKOFF);
        return null;
      }
    }
    a.parsed = envelope;
    a.keep = keep;
    byte[] report = null;
    if (reportsEnabled
        && now - lastReportAt >= tuning.clientReportIntervalNanos
        && !limits.isLimited(DataCategory.INTERNAL)) {
      lastReportAt = now;
      a.report = ClientReport.take(discards, Instant.now());
      report = a.report == null ? null : a.report.payload();
    }
    Instant sentAt = Instant.now();
    if (keep == null) {
      byte[] spliced = SerializedEnvelope.withSentAt(o.bytes, sentAt, report);
      if (spliced != null) {
        return spliced;
      }
      if (envelope == null) {
        envelope = SerializedEnvelope.parse(o.bytes);
        a.parsed = envelope;
      }
    }
    return envelope.toWire(sentAt, keep, report);
  }

  private void send(Attempt a, byte[] wire, long now) {
    a.dispatchedAt = now;
    if (a.outgoing != null) { // from here on the outcome may be unknown: never counted as dropped
      if (a.outgoing.inMemory()) {
        backlog.attempting(a.outgoing);
      } else {
        a.cursor.mark(a.index, SpoolBatch.ATTEMPTED);
      }
    }
    if (inFlightCount == 0) {
      waitingSince = System.nanoTime();
    }
    inFlight.add(a);
    inFlightCount = inFlight.size();
    CompletableFuture<HttpResult> future;
    try {
      future = http.sendAsync(wire);
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete(
        (result, error) -> {
          a.result = result;
          a.error = error;
          answered.add(a);
          wake();
        });
  }

  /** Acts on every answer that came back; then writes envelopes to keep to disk, in batches. */
  private void handleAnswers() {
    // Each stays in inFlight until its envelope is stored again, so that a close that gives up on
    // this thread still finds it (inFlightFromMemory).
    List<Attempt> done = new ArrayList<>();
    Attempt a;
    while ((a = answered.poll()) != null) {
      if (!inFlight.contains(a)) {
        continue; // abandoned at stop
      }
      done.add(a);
      doze.busy();
      try {
        handle(a);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        Diagnostics.error("sender", "Unexpected failure while handling Sentry's answer", t);
      }
    }
    if (done.isEmpty()) {
      return;
    }
    try {
      keepForRetry();
    } finally {
      inFlight.removeAll(done);
      inFlightCount = inFlight.size();
      waitingSince = System.nanoTime();
    }
    progress.changed();
  }

  private void handle(Attempt a) {
    long now = ticker.nanoTime();
    Throwable error = unwrap(a.error);
    if (stopping && (error != null || a.result == null)) {
      // cut by close (the client was shut down under it): not an outage, kept for the next start
      restore(a.report);
      if (a.outgoing != null) {
        keepQuietly(a);
      }
      return;
    }
    if (a.outgoing == null) {
      handleReportAnswer(a, now, error);
      return;
    }
    if (error != null || a.result == null) {
      restore(a.report);
      retryLater(a, now, describe(error));
      return;
    }
    HttpResult result = a.result;
    limits.update(result);
    int status = result.getStatus();
    if (result.isSuccess()) {
      sent.incrementAndGet();
      recovered(now);
      finish(a);
      countLimited(a);
      return;
    }
    restore(a.report);
    Outgoing o = a.outgoing;
    if (status == 429) {
      recovered(now);
      finish(a); // Relay counted it: no client report
      countLimited(a);
      keepCarriedCounts(a);
      Diagnostics.warn("Sentry rate-limited an envelope (HTTP 429); it is dropped");
    } else if (status == 413) {
      recovered(now);
      dropKept(a, DiscardReason.SEND_ERROR);
      Diagnostics.error(
          "http-413",
          "Sentry refused an envelope as too large (HTTP 413); it is dropped" + reason(result),
          null);
    } else if (status >= 500) {
      if (countServerError(a) >= tuning.maxServerErrorAttempts) {
        dropKept(a, DiscardReason.SEND_ERROR);
        Diagnostics.warn(
            "Sentry answered HTTP "
                + status
                + " "
                + tuning.maxServerErrorAttempts
                + " times to the same envelope; it is dropped");
      } else {
        retryLater(a, now, "Sentry answered HTTP " + status + reason(result));
      }
    } else {
      dropKept(a, DiscardReason.SEND_ERROR);
      refused(now, "Sentry refuses envelopes with HTTP " + status + reason(result));
    }
  }

  private static String reason(HttpResult result) {
    String why = result.getBody();
    if (why == null || why.trim().isEmpty()) {
      return "";
    }
    why = why.trim();
    return ": " + (why.length() > 200 ? why.substring(0, 200) + "…" : why);
  }

  /**
   * Which items to send ({@code false}: rate-limited), or {@code null} for all. The limited ones
   * are counted once the envelope is done with ({@link #countLimited}), not before: an envelope
   * sent again after a failure is checked again, and must not be counted twice.
   */
  private boolean[] limitedItems(SerializedEnvelope envelope) {
    List<SerializedEnvelope.Item> items = envelope.items();
    boolean[] keep = new boolean[items.size()];
    boolean dropAll = false;
    boolean dropAny = false;
    for (int i = 0; i < keep.length; i++) {
      ItemType type = ItemType.fromWireName(items.get(i).type);
      keep[i] = !limits.isLimited(type);
      dropAny |= !keep[i];
      dropAll |= !keep[i] && (type == ItemType.EVENT || type == ItemType.TRANSACTION);
    }
    if (!dropAny) {
      return null;
    }
    if (dropAll) {
      Arrays.fill(keep, false);
    }
    return keep;
  }

  /** Counts the items left out of a request for a rate limit, once its envelope is done with. */
  private void countLimited(Attempt a) {
    if (a.keep != null && a.parsed != null) {
      record(a.outgoing, a.parsed, a.keep, false, DiscardReason.RATELIMIT_BACKOFF);
    }
  }

  /**
   * Drops what is left of an envelope for good and counts it: marked done first, so that a kill in
   * between loses the count (as it loses any count of its last moments) rather than counting the
   * envelope twice after a re-send.
   */
  private void dropKept(Attempt a, DiscardReason why) {
    finish(a);
    countLimited(a);
    keepCarriedCounts(a);
    if (a.parsed == null) {
      Manifest.record(discards, why, a.outgoing.manifest);
    } else {
      record(a.outgoing, a.parsed, a.keep, true, why);
    }
  }

  /**
   * Counts the items whose {@code keep} flag equals {@code kept} (all when {@code keep} is null).
   */
  private void record(
      Outgoing o, SerializedEnvelope envelope, boolean[] keep, boolean kept, DiscardReason why) {
    List<Manifest.Entry> entries = Manifest.parse(o.manifest);
    List<SerializedEnvelope.Item> items = envelope.items();
    for (int i = 0; i < items.size(); i++) {
      if (keep != null && keep[i] != kept) {
        continue;
      }
      if (entries.size() == items.size()) {
        Manifest.Entry e = entries.get(i);
        Drops.record(discards, why, e.type, e.count, e.quantity, e.bytes);
      } else {
        Drops.record(discards, why, ItemType.fromWireName(items.get(i).type), 1, 1, -1);
      }
    }
  }

  /**
   * A spooled envelope that is not delivered may carry a client report (the counts a closed or
   * killed process left): those counts exist nowhere else, so they go back to the counter, to be
   * reported later, instead of being dropped with the envelope.
   */
  private void keepCarriedCounts(Attempt a) {
    Outgoing o = a.outgoing;
    if (o.inMemory() || o.manifest == null || !o.manifest.contains("client_report")) {
      return;
    }
    try {
      SerializedEnvelope envelope = a.parsed != null ? a.parsed : SerializedEnvelope.parse(o.bytes);
      for (SerializedEnvelope.Item item : envelope.items()) {
        if (ItemType.fromWireName(item.type) == ItemType.CLIENT_REPORT) {
          int payload = item.start; // the item starts with its header line
          while (payload < item.end && o.bytes[payload] != '\n') {
            payload++;
          }
          payload++;
          ClientReport.restorePayloadTo(o.bytes, payload, item.end - payload, discards);
        }
      }
    } catch (SerializedEnvelope.MalformedException | IOException | RuntimeException e) {
      Diagnostics.warn(
          "corrupt", "A spooled client report could not be read back (" + e + ")", null);
    }
  }

  private void discardCorrupt(Attempt a, String why) {
    finish(a);
    Manifest.record(discards, DiscardReason.INTERNAL_SDK_ERROR, a.outgoing.manifest);
    Diagnostics.warn(
        "corrupt", "A stored envelope is corrupt (" + why + "); it is dropped and counted", null);
  }

  /** The envelope is done with: sent, or dropped and already counted. */
  private void finish(Attempt a) {
    Outgoing o = a.outgoing;
    if (o.inMemory()) {
      backlog.unhold(o);
      return;
    }
    if (!serverErrorsBySpooled.isEmpty()) { // hashing every envelope sent would cost as much
      serverErrorsBySpooled.remove(key(o));
    }
    Cursor c = a.cursor;
    c.mark(a.index, SpoolBatch.DONE);
    c.inFlight--;
    retire(c);
  }

  /** The envelope was not sent and stays in its spool file. */
  private void notSent(Attempt a) {
    a.cursor.inFlight--;
  }

  /**
   * Gives a spool file back (what is not done) or completes it, once nothing of it is in flight.
   */
  private void retire(Cursor c) {
    if (c.inFlight > 0 || !c.exhausted()) {
      return;
    }
    cursors.remove(c);
    List<SpoolBatch.Record> rest = new ArrayList<>();
    for (int i = 0; i < c.records.size(); i++) {
      if (!c.done(i)) {
        rest.add(c.records.get(i).withState(c.states[i]));
      }
    }
    if (rest.isEmpty()) {
      spool.complete(c.claim);
    } else if (rest.size() == c.records.size()) {
      spool.release(c.claim);
    } else {
      spool.replace(c.claim, SpoolBatch.encode(rest), rest.size(), SpoolBatch.manifestOf(rest));
    }
  }

  private static long key(Outgoing o) {
    return ((long) Arrays.hashCode(o.bytes) << 32) | (o.bytes.length & 0xffffffffL);
  }

  private int countServerError(Attempt a) {
    Outgoing o = a.outgoing;
    if (o.inMemory()) {
      return ++o.serverErrors;
    }
    if (serverErrorsBySpooled.size() > MAX_TRACKED_FAILURES) {
      serverErrorsBySpooled.clear();
    }
    return serverErrorsBySpooled.merge(key(o), 1, Integer::sum);
  }

  /**
   * Keeps the envelope (disk, else memory), backs off, and sends new envelopes to disk meanwhile.
   */
  private void retryLater(Attempt a, long now, String what) {
    Outgoing o = a.outgoing;
    if (o.inMemory()) {
      if (o.serverErrors > 0) {
        serverErrorsBySpooled.put(key(o), o.serverErrors);
      }
      backlog.notDelivered(o); // an answer or an error came: evicting it later counts it
      toKeep.add(o);
    } else {
      a.cursor.mark(a.index, SpoolBatch.PENDING);
      notSent(a);
      a.cursor.abandoned = true;
      retire(a.cursor);
    }
    // Requests sent before the first failure of this outage fail too: one step of back-off for all.
    if (!offline || a.dispatchedAt - lastFailureAt > 0) {
      long delay = enterBackoff(now);
      keepForRetry();
      backlog.spillOutbox();
      unreachable(now, what, delay);
    }
  }

  private void keepQuietly(Attempt a) {
    if (a.outgoing.inMemory()) {
      toKeep.add(a.outgoing);
    } else {
      notSent(a);
      a.cursor.abandoned = true;
      retire(a.cursor);
    }
  }

  private void keepForRetry() {
    if (toKeep.isEmpty()) {
      return;
    }
    List<Outgoing> batch = new ArrayList<>(toKeep);
    toKeep.clear();
    backlog.persistAll(batch);
  }

  private long enterBackoff(long now) {
    failures++;
    lastFailureAt = now;
    long base = tuning.initialBackoffNanos;
    for (int i = 1; i < failures && base < tuning.maxBackoffNanos; i++) {
      base *= 2;
    }
    base = Math.min(base, tuning.maxBackoffNanos);
    long half = base / 2;
    long delay = half + ThreadLocalRandom.current().nextLong(half + 1);
    backoffUntil = now + delay;
    offline = true;
    return delay;
  }

  // ------------------------------------------------------------------ outage reporting

  /** First failure of an outage: one warning; later ones only in debug output. */
  private void unreachable(long now, String cause, long retryInNanos) {
    String where = spool != null && spool.isWritable() ? "on disk" : "in memory";
    int waiting = spool != null && spool.isWritable() ? backlog.onDisk() : backlog.inMemory();
    if (outage != null) {
      Diagnostics.debug(
          cause
              + "; "
              + waiting
              + " envelope(s) wait "
              + where
              + ", next attempt in "
              + TimeUnit.NANOSECONDS.toMillis(retryInNanos)
              + " ms");
      return;
    }
    outage = cause;
    outageStartedAt = now;
    Diagnostics.notice(
        Diagnostics.Severity.WARN,
        "Sentry cannot be reached ("
            + cause
            + "); "
            + waiting
            + " envelope(s) wait "
            + where
            + " and are retried with back-off. Shown once per outage.");
  }

  /**
   * Sentry refuses every envelope (401, 403, …): one warning per outage, the envelopes are dropped.
   */
  private void refused(long now, String cause) {
    if (outage != null) {
      Diagnostics.debug(cause + "; the envelope is dropped and counted");
      return;
    }
    outage = cause;
    outageStartedAt = now;
    Diagnostics.notice(
        Diagnostics.Severity.WARN,
        cause + "; envelopes are dropped and counted (send_error). Shown once per outage.");
  }

  /** Sentry answered: ends an outage, with one notice. */
  private void recovered(long now) {
    failures = 0;
    offline = false;
    if (outage == null) {
      return;
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(now - outageStartedAt);
    outage = null;
    Diagnostics.notice(
        Diagnostics.Severity.INFO,
        "Sentry accepts envelopes again after "
            + seconds
            + " s; "
            + backlog.onDisk()
            + " envelope(s) waiting on disk are being sent");
  }

  static String describe(Throwable error) {
    if (error == null) {
      return "no answer";
    }
    Throwable root = error;
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      root = t;
      String n = t.getClass().getSimpleName();
      if (n.contains("ConnectException")
          || n.contains("Timeout")
          || n.contains("UnknownHost")
          || n.contains("NoRouteToHost")
          || n.contains("UnresolvedAddress")) {
        break; // the most telling cause; a channel closed under it says less
      }
    }
    String name = root.getClass().getSimpleName();
    if (name.contains("ConnectException") || name.contains("NoRouteToHost")) {
      return "connection refused or unreachable: " + messageOf(root);
    }
    if (name.contains("Timeout")) {
      return "timed out: " + messageOf(root);
    }
    if (name.contains("UnknownHost") || name.contains("UnresolvedAddress")) {
      return "unknown host: " + messageOf(root);
    }
    return name + ": " + messageOf(root);
  }

  private static String messageOf(Throwable t) {
    String m;
    try {
      m = t.getMessage();
    } catch (RuntimeException e) {
      m = null;
    }
    return m == null ? t.getClass().getName() : m;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  // ------------------------------------------------------------------ stopping

  /**
   * At stop: every request still in flight counts as not sent (delivery is at least once): its
   * envelope goes back to memory or its spool file, and its client report back to the counter.
   */
  private void abandonInFlight() {
    List<Attempt> open = new ArrayList<>(inFlight);
    for (Attempt a : open) {
      restore(a.report);
      if (a.outgoing == null) {
        continue;
      }
      if (a.outgoing.inMemory()) {
        toKeep.add(a.outgoing);
      } else {
        notSent(a);
      }
    }
    keepForRetry(); // stored before they leave inFlight, where a close that gives up looks
    inFlight.clear();
    inFlightCount = 0;
    for (Cursor c : new ArrayList<>(cursors)) {
      c.abandoned = true;
      c.inFlight = 0;
      retire(c);
    }
    progress.changed();
  }

  // ------------------------------------------------------------------ client reports

  private boolean reportInFlight() {
    for (Attempt a : inFlight) {
      if (a.outgoing == null) {
        return true;
      }
    }
    return false;
  }

  /** Sends pending counts as an envelope of their own; false when there was nothing to send. */
  private boolean dispatchReport(long now, long ticket) {
    lastReportAt = now;
    if (!reportsEnabled || limits.isLimited(DataCategory.INTERNAL)) {
      return false;
    }
    ClientReport report = ClientReport.take(discards, Instant.now());
    if (report == null) {
      return false;
    }
    Attempt a = new Attempt(null, null, -1);
    a.report = report;
    a.reportTicket = ticket;
    send(a, EnvelopeWriter.write(reportEnvelope(report), Instant.now()), now);
    return true;
  }

  private void handleReportAnswer(Attempt a, long now, Throwable error) {
    if (error != null || a.result == null) {
      a.report.restoreTo(discards);
      if (!offline) {
        enterBackoff(now);
      }
      unreachable(now, describe(error), backoffUntil - now);
    } else {
      limits.update(a.result);
      if (a.result.isSuccess()) {
        recovered(now);
      } else {
        a.report.restoreTo(discards);
        Diagnostics.warn("Sentry refused a client report with HTTP " + a.result.getStatus());
      }
    }
    if (a.reportTicket > reportsDone) {
      reportsDone = a.reportTicket;
    }
  }

  private void restore(ClientReport report) {
    if (report != null) {
      report.restoreTo(discards);
    }
  }

  static Envelope reportEnvelope(ClientReport report) {
    EnvelopeItem item =
        EnvelopeItem.of(
            ItemType.CLIENT_REPORT,
            Map.of("content_type", "application/json"),
            1,
            report.payload());
    return new Envelope(null, null, List.of(item));
  }

  private static boolean any(boolean[] flags) {
    for (boolean f : flags) {
      if (f) {
        return true;
      }
    }
    return false;
  }
}
