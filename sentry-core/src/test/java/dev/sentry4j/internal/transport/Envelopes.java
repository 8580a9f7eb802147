package dev.sentry4j.internal.transport;

import dev.sentry4j.event.SentryId;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made envelopes for transport tests (the tracing and logs builders live elsewhere). */
final class Envelopes {
  private Envelopes() {}

  static Envelope event(String message) {
    SentryId id = SentryId.random();
    String json =
        "{\"event_id\":\""
            + id
            + "\",\"timestamp\":1748779200.123,\"platform\":\"java\","
            + "\"level\":\"error\",\"logentry\":{\"formatted\":\""
            + message
            + "\"}}";
    return new Envelope(id, null, List.of(item(ItemType.EVENT, 1, json)));
  }

  static Envelope eventWithAttachment(String message, String attachment) {
    Envelope e = event(message);
    List<EnvelopeItem> items = new ArrayList<>(e.getItems());
    items.add(
        EnvelopeItem.of(
            ItemType.ATTACHMENT,
            Map.of("filename", "a.txt", "content_type", "text/plain"),
            1,
            attachment.getBytes(StandardCharsets.UTF_8)));
    return new Envelope(e.getEventId(), null, items);
  }

  /** A transaction with {@code spans} child spans (its item quantity is spans + 1). */
  static Envelope transaction(String name, int spans) {
    SentryId id = SentryId.random();
    String traceId = SentryId.random().toString();
    String json =
        "{\"event_id\":\""
            + id
            + "\",\"type\":\"transaction\",\"transaction\":\""
            + name
            + "\","
            + "\"start_timestamp\":1748779200.0,\"timestamp\":1748779201.0,\"platform\":\"java\","
            + "\"contexts\":{\"trace\":{\"trace_id\":\""
            + traceId
            + "\",\"span_id\":\"0123456789abcdef\","
            + "\"op\":\"test\"}},\"spans\":[]}";
    return new Envelope(id, null, List.of(item(ItemType.TRANSACTION, spans + 1, json)));
  }

  static EnvelopeItem item(ItemType type, int quantity, String json) {
    return EnvelopeItem.of(
        type,
        Map.of("content_type", "application/json"),
        quantity,
        json.getBytes(StandardCharsets.UTF_8));
  }
}
