package dev.sentry4j.internal.envelope;

import dev.sentry4j.event.SentryId;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A unit of delivery: a header (event id, Dynamic Sampling Context) and items. Immutable; {@code
 * sent_at} is written when it is sent, not here.
 */
public final class Envelope {
  private final SentryId eventId;
  private final Map<String, String> trace;
  private final List<EnvelopeItem> items;

  /**
   * Creates an envelope.
   *
   * @param eventId the event id for event and transaction envelopes, else {@code null}
   * @param trace the Dynamic Sampling Context for the {@code trace} header, or {@code null}
   * @param items the items
   */
  public Envelope(SentryId eventId, Map<String, String> trace, List<EnvelopeItem> items) {
    this.eventId = eventId;
    this.trace = trace == null ? null : Collections.unmodifiableMap(trace);
    this.items = List.copyOf(items);
  }

  /** The event id, or {@code null}. */
  public SentryId getEventId() {
    return eventId;
  }

  /** The {@code trace} header, or {@code null}. */
  public Map<String, String> getTrace() {
    return trace;
  }

  /** The items. */
  public List<EnvelopeItem> getItems() {
    return items;
  }
}
