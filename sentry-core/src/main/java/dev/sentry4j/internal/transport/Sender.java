package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.clientreport.ClientReport;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.OutOfMemory;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sender thread's work: takes serialized envelopes from memory first, then from the disk spool
 * (oldest first, one every {@code spoolDrainInterval} unless a flush waits), writes {@code sent_at},
 * applies rate limits, attaches a client report when one is due, posts, and acts on the answer:
 *
 * <ul>
 *   <li>2xx: done;
 *   <li>429: dropped without a client report (Relay counted it), limits updated;
 *   <li>413 and other 4xx: dropped, {@code send_error};
 *   <li>5xx and network errors: kept on disk (or in memory without a spool) and retried after an
 *       exponential back-off with jitter; meanwhile new envelopes go to disk. An envelope answered
 *       with 5xx {@code maxServerErrorAttempts} times is dropped ({@code send_error}).
 * </ul>
 *
 * <p>Rate limits arrive with any answer. While a category is limited, its envelopes in memory are
 * dropped ({@code ratelimit_backoff}) and its spooled files are left alone until the limit ends.
 * Everything but {@link #run} and the signalling methods is confined to the sender thread.
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

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean signalled; // guarded by lock

  private volatile boolean stopping;
  private volatile boolean offline;
  private final AtomicInteger flushers = new AtomicInteger();
  private final AtomicLong reportRequests = new AtomicLong();
  private volatile long reportsDone;
  private final AtomicLong sent = new AtomicLong();

  // confined to the sender thread
  private int failures;
  private long backoffUntil;
  private long nextSpoolAt;
  private long lastReportAt;
  private long nextRescanAt;
  /** The envelope being delivered, if any. */
  private Outgoing inFlight;
  /** The spool file being sent, one envelope at a time. */
  private Cursor cursor;
  /** 5xx answers per spooled envelope, by a hash of its bytes. */
  private final Map<Long, Integer> serverErrorsBySpooled = new HashMap<>();

  Sender(
      HttpSender http,
      Backlog backlog,
      RateLimiter limits,
      DiscardCounter discards,
      boolean reportsEnabled,
      DeliveryTuning tuning,
      Progress progress) {
    this.http = http;
    this.backlog = backlog;
    this.spool = backlog.spool();
    this.limits = limits;
    this.discards = discards;
    this.reportsEnabled = reportsEnabled;
    this.tuning = tuning;
    this.ticker = tuning.ticker;
    this.progress = progress;
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

  /** Ends the loop after the current step. */
  void stop() {
    stopping = true;
    wake();
  }

  /** Whether Sentry could not be reached at the last attempt (new envelopes then go to disk). */
  boolean isOffline() {
    return offline;
  }

  /** A flush waits: send spooled envelopes without pausing between them. */
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
        // The envelope at hand is kept (disk, else memory) and the sender goes on: delivery must
        // not end for the life of the process.
        keepInFlight();
        absorbed("the sender", e);
        awaitSignal(tuning.maxParkNanos);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) { // the sender must survive anything
        Diagnostics.error("sender", "Unexpected failure in the sender; it goes on", t);
        awaitSignal(tuning.maxParkNanos);
      }
    }
    if (cursor != null) {
      putBack(); // the rest of the file waits for the next start
    }
  }

  private void step() {
    long now = ticker.nanoTime();
    boolean backingOff = offline && backoffUntil - now > 0;
    long asked = reportRequests.get();
    if (asked > reportsDone) { // a flush or close asked: before the next envelope
      if (!backingOff) {
        sendReport(now);
      }
      reportsDone = asked;
      progress.changed();
    }
    if (backingOff) {
      awaitSignal(backoffUntil - now);
      return;
    }
    Outgoing next = backlog.pollOutbox();
    if (next == null && (cursor != null || (spool != null && spool.hasFiles()))) {
      if (flushers.get() == 0 && nextSpoolAt - now > 0) {
        awaitSignal(nextSpoolAt - now);
        return;
      }
      if (cursor == null) {
        cursor = claimFromSpool();
      }
      if (cursor != null) {
        next = cursor.current();
        nextSpoolAt = now + tuning.spoolDrainIntervalNanos;
      }
    }
    if (next != null) {
      inFlight = next;
      deliver(next);
      inFlight = null;
      progress.changed();
      return;
    }
    idle(now);
  }

  /** After an out-of-memory error: an envelope taken from memory goes back (a spooled one waits). */
  private void keepInFlight() {
    Outgoing o = inFlight;
    inFlight = null;
    if (o != null && o.inMemory() && backlog.isHeld(o)) {
      try {
        backlog.persist(o);
      } catch (Throwable ignored) { // NOPMD: still no memory; it stays counted as held
      }
    }
  }

  private void idle(long now) {
    if (reportsEnabled && now - lastReportAt >= tuning.standaloneReportIntervalNanos) {
      sendReport(now);
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
    lock.lock();
    try {
      if (!signalled && !stopping && nanos > 0) {
        wake.awaitNanos(nanos);
      }
      signalled = false;
    } catch (InterruptedException e) {
      // only stop() ends the loop
    } finally {
      lock.unlock();
    }
  }

  private Cursor claimFromSpool() {
    DiskSpool.Claim claim = spool.claimOldest(manifest -> !limits.coversAny(manifest));
    if (claim == null) {
      return null;
    }
    try {
      return new Cursor(claim, SpoolBatch.decode(claim.read()));
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

  /** A claimed spool file sent one envelope at a time; the claim is held until all are done. */
  private static final class Cursor {
    final DiskSpool.Claim claim;
    final List<SpoolBatch.Record> records;
    int next;

    Cursor(DiskSpool.Claim claim, List<SpoolBatch.Record> records) {
      this.claim = claim;
      this.records = records;
    }

    Outgoing current() {
      SpoolBatch.Record r = records.get(next);
      return new Outgoing(r.bytes, r.manifest, claim);
    }
  }

  /** The current spooled envelope is done with (sent or dropped and counted). */
  private void advance() {
    Outgoing done = cursor.current();
    serverErrorsBySpooled.remove(key(done));
    cursor.next++;
    if (cursor.next >= cursor.records.size()) {
      spool.complete(cursor.claim);
      cursor = null;
    }
  }

  /** Puts what is left of the current spool file back, in its place in the order. */
  private void putBack() {
    Cursor c = cursor;
    cursor = null;
    if (c.next == 0) {
      spool.release(c.claim);
    } else {
      List<SpoolBatch.Record> rest = c.records.subList(c.next, c.records.size());
      spool.replace(c.claim, SpoolBatch.encode(rest), rest.size(), SpoolBatch.manifestOf(rest));
    }
  }

  private static long key(Outgoing o) {
    return ((long) Arrays.hashCode(o.bytes) << 32) | (o.bytes.length & 0xffffffffL);
  }

  // ------------------------------------------------------------------ one envelope

  private void deliver(Outgoing o) {
    long now = ticker.nanoTime();
    SerializedEnvelope envelope;
    try {
      envelope = SerializedEnvelope.parse(o.bytes);
    } catch (SerializedEnvelope.MalformedException e) {
      discardCorrupt(o, e.getMessage());
      return;
    }
    boolean[] keep = null;
    if (limits.isActive()) {
      if (!o.inMemory() && limits.coversAny(o.manifest)) {
        putBack(); // spooled envelopes wait for the limit to end
        return;
      }
      keep = dropLimited(o, envelope);
      if (keep != null && !any(keep)) {
        finish(o);
        return;
      }
    }
    ClientReport report = null;
    if (reportsEnabled
        && now - lastReportAt >= tuning.clientReportIntervalNanos
        && !limits.isLimited(DataCategory.INTERNAL)) {
      lastReportAt = now;
      report = ClientReport.take(discards, Instant.now());
    }
    byte[] wire = envelope.toWire(Instant.now(), keep, report == null ? null : report.payload());
    HttpResult result;
    try {
      result = http.send(wire);
    } catch (IOException | RuntimeException e) {
      restore(report);
      retryLater(o, now, "Could not reach Sentry", e);
      return;
    }
    limits.update(result);
    int status = result.getStatus();
    if (result.isSuccess()) {
      sent.incrementAndGet();
      failures = 0;
      offline = false;
      finish(o);
      Diagnostics.debug("Envelope sent (" + wire.length + " bytes)");
      return;
    }
    restore(report);
    if (status == 429) {
      finish(o); // Relay counted it: no client report
      Diagnostics.warn("Sentry rate-limited an envelope (HTTP 429); it is dropped");
    } else if (status == 413) {
      dropKept(o, envelope, keep, DiscardReason.SEND_ERROR);
      Diagnostics.error(
          "http-413",
          "Sentry refused an envelope as too large (HTTP 413); it is dropped"
              + (result.getBody() == null || result.getBody().isEmpty()
                  ? ""
                  : ": " + result.getBody().trim()),
          null);
    } else if (status >= 500) {
      if (countServerError(o) >= tuning.maxServerErrorAttempts) {
        dropKept(o, envelope, keep, DiscardReason.SEND_ERROR);
        Diagnostics.warn(
            "Sentry answered HTTP "
                + status
                + " "
                + tuning.maxServerErrorAttempts
                + " times to the same envelope; it is dropped");
      } else {
        retryLater(o, now, "Sentry answered HTTP " + status, null);
      }
    } else {
      dropKept(o, envelope, keep, DiscardReason.SEND_ERROR);
      Diagnostics.warn("Sentry refused an envelope with HTTP " + status + "; it is dropped");
    }
  }

  /** Marks rate-limited items as dropped; returns which to keep, or {@code null} for all. */
  private boolean[] dropLimited(Outgoing o, SerializedEnvelope envelope) {
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
    record(o, envelope, keep, false, DiscardReason.RATELIMIT_BACKOFF);
    return keep;
  }

  /** Drops what is left of an envelope for good and counts it. */
  private void dropKept(Outgoing o, SerializedEnvelope envelope, boolean[] keep, DiscardReason why) {
    record(o, envelope, keep, true, why);
    finish(o);
  }

  /** Counts the items whose {@code keep} flag equals {@code kept} (all when {@code keep} is null). */
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

  private void discardCorrupt(Outgoing o, String why) {
    Manifest.record(discards, DiscardReason.INTERNAL_SDK_ERROR, o.manifest);
    finish(o);
    Diagnostics.warn(
        "corrupt", "A stored envelope is corrupt (" + why + "); it is dropped and counted", null);
  }

  /** The envelope is done with: sent, or dropped and already counted. */
  private void finish(Outgoing o) {
    if (o.inMemory()) {
      backlog.unhold(o);
    } else {
      advance();
    }
  }

  private int countServerError(Outgoing o) {
    if (o.inMemory()) {
      return ++o.serverErrors;
    }
    if (serverErrorsBySpooled.size() > MAX_TRACKED_FAILURES) {
      serverErrorsBySpooled.clear();
    }
    return serverErrorsBySpooled.merge(key(o), 1, Integer::sum);
  }

  /** Keeps the envelope (disk, else memory), backs off, and sends new envelopes to disk meanwhile. */
  private void retryLater(Outgoing o, long now, String what, Throwable cause) {
    long delay = enterBackoff(now);
    if (o.inMemory()) {
      if (o.serverErrors > 0) {
        serverErrorsBySpooled.put(key(o), o.serverErrors);
      }
      backlog.persist(o);
    } else {
      putBack();
    }
    backlog.spillOutbox();
    Diagnostics.warn(
        "unreachable",
        what
            + "; envelopes are kept "
            + (spool != null && spool.isWritable() ? "on disk" : "in memory")
            + " and retried in "
            + TimeUnit.NANOSECONDS.toMillis(delay)
            + " ms",
        cause);
  }

  private long enterBackoff(long now) {
    failures++;
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

  // ------------------------------------------------------------------ client reports

  /** Sends pending counts as an envelope of their own. */
  private void sendReport(long now) {
    lastReportAt = now;
    if (!reportsEnabled || limits.isLimited(DataCategory.INTERNAL)) {
      return;
    }
    ClientReport report = ClientReport.take(discards, Instant.now());
    if (report == null) {
      return;
    }
    byte[] wire = EnvelopeWriter.write(reportEnvelope(report), Instant.now());
    try {
      HttpResult result = http.send(wire);
      limits.update(result);
      if (result.isSuccess()) {
        failures = 0;
        offline = false;
      } else {
        report.restoreTo(discards);
        Diagnostics.warn("Sentry refused a client report with HTTP " + result.getStatus());
      }
    } catch (IOException | RuntimeException e) {
      report.restoreTo(discards);
      enterBackoff(now);
      Diagnostics.warn("unreachable", "Could not reach Sentry with a client report", e);
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

  /** Counts an out-of-memory error absorbed in {@code where}; says so once per process, quietly. */
  private static void absorbed(String where, OutOfMemoryError e) {
    if (OutOfMemory.absorbed()) {
      try {
        Diagnostics.error(
            "out-of-memory",
            "Out of memory in " + where + "; the item at hand is dropped and counted, the SDK goes on",
            e);
      } catch (Throwable ignored) { // NOPMD: still no memory; the count is enough
      }
    }
  }
}
