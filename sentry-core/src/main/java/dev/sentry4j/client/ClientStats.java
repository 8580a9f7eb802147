package dev.sentry4j.client;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health counters of a client, for health endpoints and dashboards: envelopes waiting in memory and
 * on disk, envelopes Sentry accepted, and items dropped by reason and category since start (the
 * same numbers the client reports to Sentry). Immutable snapshot.
 *
 * <pre>{@code
 * ClientStats stats = Sentry.getClient().getStats();
 * if (stats.getSpooled() > 500) health.warn("Sentry unreachable: " + stats);
 * long overflow = stats.getDropped(DiscardReason.QUEUE_OVERFLOW, DataCategory.ERROR);
 * }</pre>
 */
public final class ClientStats {
  /** All zero: a client that sends nothing. */
  public static final ClientStats EMPTY = new ClientStats(0, 0, 0, Map.of());

  private final long queued;
  private final long spooled;
  private final long sent;
  private final Map<String, Long> dropped;

  /**
   * Creates a snapshot.
   *
   * @param queued envelopes waiting in memory
   * @param spooled envelopes waiting in the disk spool
   * @param sent envelopes Sentry accepted
   * @param dropped items dropped since start, keyed {@code "reason:category"}
   */
  public ClientStats(long queued, long spooled, long sent, Map<String, Long> dropped) {
    this.queued = queued;
    this.spooled = spooled;
    this.sent = sent;
    this.dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
  }

  /** Envelopes waiting in memory (captured, not yet sent or written to disk). */
  public long getQueued() {
    return queued;
  }

  /** Envelopes waiting in the disk spool (also those left by an earlier run). */
  public long getSpooled() {
    return spooled;
  }

  /** Envelopes Sentry accepted since start. */
  public long getSent() {
    return sent;
  }

  /**
   * Items dropped since start, keyed {@code "reason:category"} as in client reports, e.g. {@code
   * "queue_overflow:error" -> 3}. Attachments and log bytes count bytes.
   */
  public Map<String, Long> getDropped() {
    return dropped;
  }

  /** Items dropped since start for one reason and category. */
  public long getDropped(DiscardReason reason, DataCategory category) {
    Long n = dropped.get(reason.wireName() + ":" + category.wireName());
    return n == null ? 0 : n;
  }

  @Override
  public String toString() {
    return "ClientStats{queued="
        + queued
        + ", spooled="
        + spooled
        + ", sent="
        + sent
        + ", dropped="
        + dropped
        + "}";
  }
}
