package dev.sentry4j.testing;

import java.nio.charset.StandardCharsets;

/** Builds envelope text for tests, with {@code length} counted in UTF-8 bytes. */
final class Envelopes {

  static final String EVENT_ID = "9ec79c33ec9942ab8353589fcb2e04dc";
  static final String TRACE_ID = "771a43a4192642f0b136d5159a501700";
  static final String SPAN_ID = "b0e6f15b45c36b12";

  private Envelopes() {}

  /** The header line and items, joined by newlines, with a final newline. */
  static String envelope(String header, String... items) {
    StringBuilder text = new StringBuilder(header).append('\n');
    for (String item : items) {
      text.append(item).append('\n');
    }
    return text.toString();
  }

  /** An item whose header gets {@code "length":<UTF-8 bytes of payload>} appended. */
  static String item(String header, String payload) {
    int length = payload.getBytes(StandardCharsets.UTF_8).length;
    return header.substring(0, header.length() - 1) + ",\"length\":" + length + "}\n" + payload;
  }

  /** An item without {@code length}: the payload ends at the next newline. */
  static String itemWithoutLength(String header, String payload) {
    return header + "\n" + payload;
  }

  static String eventHeader() {
    return "{\"event_id\":\""
        + EVENT_ID
        + "\",\"sent_at\":\"2025-06-01T12:00:00.123Z\","
        + "\"sdk\":{\"name\":\"test.poster\",\"version\":\"1.0\"}}";
  }

  static String errorEvent(String formatted) {
    return "{\"event_id\":\""
        + EVENT_ID
        + "\",\"timestamp\":1748779200.123,\"platform\":\"java\","
        + "\"level\":\"error\",\"logger\":\"com.example.OrderService\","
        + "\"logentry\":{\"message\":\"Order {} failed\",\"params\":[\"A-17\"],\"formatted\":\""
        + formatted
        + "\"},"
        + "\"contexts\":{\"trace\":{\"trace_id\":\""
        + TRACE_ID
        + "\",\"span_id\":\""
        + SPAN_ID
        + "\"}}}";
  }

  /** A whole error-event envelope with {@code length}. */
  static String eventEnvelope(String formatted) {
    return envelope(
        eventHeader(),
        item("{\"type\":\"event\",\"content_type\":\"application/json\"}", errorEvent(formatted)));
  }

  static String logRecord(String level, String body) {
    return "{\"timestamp\":1748779200.123456,\"trace_id\":\""
        + TRACE_ID
        + "\",\"span_id\":\""
        + SPAN_ID
        + "\","
        + "\"level\":\""
        + level
        + "\",\"severity_number\":9,\"body\":\""
        + body
        + "\","
        + "\"attributes\":{\"sentry.origin\":{\"value\":\"auto.log.logback\",\"type\":\"string\"},"
        + "\"sentry.message.parameter.0\":{\"value\":17,\"type\":\"integer\"}}}";
  }

  /** A log envelope whose item_count is {@code itemCount} and whose records are given. */
  static String logEnvelope(int itemCount, String... records) {
    String payload = "{\"items\":[" + String.join(",", records) + "]}";
    return envelope(
        "{\"sent_at\":\"2025-06-01T12:00:05.000Z\"}",
        item(
            "{\"type\":\"log\",\"item_count\":"
                + itemCount
                + ",\"content_type\":\"application/vnd.sentry.items.log+json\"}",
            payload));
  }

  static String clientReportEnvelope(String discardedEvents) {
    return envelope(
        "{}",
        item(
            "{\"type\":\"client_report\"}",
            "{\"timestamp\":\"2025-06-01T12:00:00Z\",\"discarded_events\":["
                + discardedEvents
                + "]}"));
  }
}
