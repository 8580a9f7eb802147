package dev.sentry4j.internal.transport;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.ClientReport;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the drop counts not reported yet on disk, so that a crash (kill -9) does not lose them: at
 * most every {@link #SAVE_INTERVAL_MILLIS} ms, when they changed, they are written as a
 * client-report envelope in a spool file locked by this process (the previous one deleted). While
 * the process lives, nobody sends that file; once it is gone, the next start sends it like any
 * other. A count reported just before a crash may be reported twice; none is lost. Confined to the
 * intake worker, except {@link #discard} at close.
 */
final class PendingCounts {
  /** Longest a new count waits for its copy on disk. */
  static final long SAVE_INTERVAL_MILLIS = 200;

  private final DiskSpool spool;
  private final DiscardCounter discards;
  private final long intervalNanos = TimeUnit.MILLISECONDS.toNanos(SAVE_INTERVAL_MILLIS);
  private DiskSpool.Claim file;
  private Map<DiscardReason, Map<DataCategory, Long>> saved = Map.of();
  private long nextSaveAt = System.nanoTime();
  private boolean stopped;

  /**
   * @param spool where to keep them, or {@code null} for nowhere (no spool, or no client reports)
   */
  PendingCounts(DiskSpool spool, DiscardCounter discards) {
    this.spool = spool;
    this.discards = discards;
  }

  /** Nanoseconds until the next save is due; {@link Long#MAX_VALUE} without a spool. */
  long nanosUntilSave() {
    return spool == null ? Long.MAX_VALUE : Math.max(0, nextSaveAt - System.nanoTime());
  }

  /** Writes the pending counts if they changed since the last save. */
  synchronized void save() {
    if (spool == null || stopped) {
      return;
    }
    nextSaveAt = System.nanoTime() + intervalNanos;
    // Read, not drained and put back: a report taken by the sender meanwhile would miss them.
    Map<DiscardReason, Map<DataCategory, Long>> now = discards.snapshot();
    if (now.equals(saved)) {
      return;
    }
    if (now.isEmpty()) {
      discard();
      saved = now;
      return;
    }
    ClientReport report = ClientReport.of(now, Instant.now());
    byte[] bytes = EnvelopeWriter.write(Sender.reportEnvelope(report), null);
    String manifest = "client_report~1~1~" + report.payload().length;
    byte[] data = SpoolBatch.encode(List.of(new SpoolBatch.Record(manifest, bytes)));
    DiskSpool.Claim next = spool.storeClaimed(data, 1, manifest);
    if (next == null) {
      return; // the spool said why; tried again at the next save
    }
    discard();
    file = next;
    saved = now;
  }

  /**
   * Saves no more: close writes the final report (an intake worker that did not stop in time would
   * otherwise save counts that report holds too, and they would be reported twice).
   */
  synchronized void stopSaving() {
    stopped = true;
  }

  /** Deletes the saved counts: they were written with the final report, or reported. */
  synchronized void discard() {
    if (file != null) {
      spool.complete(file);
      file = null;
    }
  }

  /** Leaves the saved counts on disk for the next start (the final report could not be written). */
  synchronized void leave() {
    if (file != null) {
      spool.release(file);
      file = null;
    }
  }
}
