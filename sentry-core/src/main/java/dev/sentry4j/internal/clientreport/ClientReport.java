package dev.sentry4j.internal.clientreport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * One {@code client_report} payload made from the counts a {@link DiscardCounter} had pending. The
 * counts leave the counter when the report is taken; if the envelope carrying the report is lost,
 * {@link #restoreTo} puts them back so that a later report carries them. Internal, may change.
 * Immutable.
 */
public final class ClientReport {
  private static final JsonFactory FACTORY = new JsonFactory();
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
    return of(counter.drain(), now);
  }

  /**
   * A report of {@code counts}, taken from no counter (a copy for the disk, say).
   *
   * @param now the report's {@code timestamp}
   * @return the report, or {@code null} when {@code counts} is empty
   */
  public static ClientReport of(Map<DiscardReason, Map<DataCategory, Long>> counts, Instant now) {
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

  /**
   * Puts the counts of a {@code client_report} payload read back from the spool into {@code
   * counter}: the envelope carrying it was not delivered (refused, rate-limited), and its counts
   * exist nowhere else. Entries with an unknown reason or category are skipped.
   *
   * @return how many entries were put back
   * @throws IOException when the payload is not JSON
   */
  public static int restorePayloadTo(byte[] bytes, int offset, int length, DiscardCounter counter)
      throws IOException {
    int restored = 0;
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return 0;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        JsonToken value = p.nextToken();
        if (!"discarded_events".equals(field) || value != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String reason = null;
          String category = null;
          long quantity = 0;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            JsonToken t = p.nextToken();
            if ("reason".equals(name) && t == JsonToken.VALUE_STRING) {
              reason = p.getText();
            } else if ("category".equals(name) && t == JsonToken.VALUE_STRING) {
              category = p.getText();
            } else if ("quantity".equals(name) && t == JsonToken.VALUE_NUMBER_INT) {
              quantity = p.getLongValue();
            } else {
              p.skipChildren();
            }
          }
          DiscardReason r = reasonOf(reason);
          DataCategory c = category == null ? null : DataCategory.fromWireName(category);
          if (r != null && c != null && quantity > 0) {
            counter.restore(Map.of(r, Map.of(c, quantity))); // pending again, not a new drop
            restored++;
          }
        }
      }
    }
    return restored;
  }

  private static DiscardReason reasonOf(String wireName) {
    for (DiscardReason r : DiscardReason.values()) {
      if (r.wireName().equals(wireName)) {
        return r;
      }
    }
    return null;
  }
}
