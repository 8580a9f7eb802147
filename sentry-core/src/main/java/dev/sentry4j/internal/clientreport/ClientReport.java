package dev.sentry4j.internal.clientreport;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.json.Json;
import java.time.Instant;
import java.util.Map;

/**
 * One {@code client_report} payload made from the counts a {@link DiscardCounter} had pending. The
 * counts leave the counter when the report is taken; if the envelope carrying the report is lost,
 * {@link #restoreTo} puts them back so that a later report carries them. Internal, may change.
 * Immutable.
 */
public final class ClientReport {
  private final Map<DiscardReason, Map<DataCategory, Long>> counts;
  private final byte[] payload;

  private ClientReport(Map<DiscardReason, Map<DataCategory, Long>> counts, byte[] payload) {
    this.counts = counts;
    this.payload = payload;
  }

  /**
   * Takes the pending counts of {@code counter}.
   *
   * @param now the report's {@code timestamp}
   * @return the report, or {@code null} when nothing was pending
   */
  public static ClientReport take(DiscardCounter counter, Instant now) {
    Map<DiscardReason, Map<DataCategory, Long>> counts = counter.drain();
    if (counts.isEmpty()) {
      return null;
    }
    byte[] payload =
        Json.toBytes(
            g -> {
              g.writeStartObject();
              g.writeStringField("timestamp", EnvelopeWriter.rfc3339(now));
              g.writeArrayFieldStart("discarded_events");
              for (Map.Entry<DiscardReason, Map<DataCategory, Long>> r : counts.entrySet()) {
                for (Map.Entry<DataCategory, Long> c : r.getValue().entrySet()) {
                  g.writeStartObject();
                  g.writeStringField("reason", r.getKey().wireName());
                  g.writeStringField("category", c.getKey().wireName());
                  g.writeNumberField("quantity", c.getValue());
                  g.writeEndObject();
                }
              }
              g.writeEndArray();
              g.writeEndObject();
            });
    return new ClientReport(counts, payload);
  }

  /** The JSON payload of the {@code client_report} item. */
  public byte[] payload() {
    return payload;
  }

  /** Puts the counts back into {@code counter}: the envelope carrying them was not delivered. */
  public void restoreTo(DiscardCounter counter) {
    counter.restore(counts);
  }
}
