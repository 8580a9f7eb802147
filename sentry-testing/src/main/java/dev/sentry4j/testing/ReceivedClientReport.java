package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The payload of one {@code client_report} item: what the SDK says it dropped, and why.
 *
 * <p>Immutable and thread-safe; the JSON accessor returns a copy.
 */
public final class ReceivedClientReport {

  private final JsonNode json;
  private final ReceivedEnvelope envelope;

  ReceivedClientReport(JsonNode json, ReceivedEnvelope envelope) {
    this.json = json;
    this.envelope = envelope;
  }

  /**
   * The whole report.
   *
   * @return a copy of the report JSON object
   */
  public JsonNode json() {
    return json.deepCopy();
  }

  /**
   * The envelope this report arrived in (alone or attached to other items).
   *
   * @return the envelope
   */
  public ReceivedEnvelope envelope() {
    return envelope;
  }

  /**
   * The entries of {@code discarded_events}, in payload order.
   *
   * @return an unmodifiable list, empty when there are none
   */
  public List<Discard> discarded() {
    List<Discard> list = new ArrayList<>();
    for (JsonNode entry : json.path("discarded_events")) {
      list.add(
          new Discard(
              Json.text(entry.get("reason")),
              Json.text(entry.get("category")),
              entry.path("quantity").asLong()));
    }
    return Collections.unmodifiableList(list);
  }

  /** Returns the discarded entries. */
  @Override
  public String toString() {
    return "client_report" + discarded();
  }

  /** One {@code discarded_events} entry: a reason, a data category and a quantity. */
  public static final class Discard {
    private final String reason;
    private final String category;
    private final long quantity;

    /**
     * Creates an entry, e.g. for comparing with {@code containsExactly}.
     *
     * @param reason e.g. {@code queue_overflow}
     * @param category e.g. {@code error}
     * @param quantity count (bytes for {@code attachment} and {@code log_byte})
     */
    public Discard(String reason, String category, long quantity) {
      this.reason = reason;
      this.category = category;
      this.quantity = quantity;
    }

    /**
     * Why the data was dropped, e.g. {@code ratelimit_backoff}.
     *
     * @return the reason
     */
    public String reason() {
      return reason;
    }

    /**
     * The data category, e.g. {@code transaction} or {@code log_item}.
     *
     * @return the category
     */
    public String category() {
      return category;
    }

    /**
     * How much was dropped.
     *
     * @return the quantity
     */
    public long quantity() {
      return quantity;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Discard)) {
        return false;
      }
      Discard that = (Discard) other;
      return quantity == that.quantity
          && Objects.equals(reason, that.reason)
          && Objects.equals(category, that.category);
    }

    @Override
    public int hashCode() {
      return Objects.hash(reason, category, quantity);
    }

    /** Returns e.g. {@code queue_overflow/error=3}. */
    @Override
    public String toString() {
      return reason + "/" + category + "=" + quantity;
    }
  }
}
