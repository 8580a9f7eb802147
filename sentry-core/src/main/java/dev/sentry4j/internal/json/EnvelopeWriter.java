package dev.sentry4j.internal.json;

import dev.sentry4j.internal.SdkInfo;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Writes envelopes: a compact header line, then per item a header line with {@code type} and the
 * payload's UTF-8 byte {@code length}, the payload and a newline. Internal, may change.
 * Thread-safe.
 */
public final class EnvelopeWriter {
  private EnvelopeWriter() {}

  /**
   * Serializes {@code envelope}, writing {@code sent_at} (pass {@code null} when spooling to disk).
   * Deferred items are made first (on the calling SDK thread); those dropped while being made are
   * left out.
   *
   * @return the bytes, or {@code null} when every item was dropped while being made
   */
  public static byte[] write(Envelope envelope, Instant sentAt) {
    List<EnvelopeItem> items = envelope.getItems();
    byte[][] payloads = new byte[items.size()][];
    boolean any = items.isEmpty();
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = items.get(i).getPayload();
      any |= payloads[i] != null;
    }
    if (!any) {
      return null;
    }
    byte[] header =
        Json.toBytes(
            g -> {
              g.writeStartObject();
              if (envelope.getEventId() != null) {
                g.writeStringField("event_id", envelope.getEventId().toString());
              }
              if (sentAt != null) {
                g.writeStringField("sent_at", rfc3339(sentAt));
              }
              g.writeObjectFieldStart("sdk");
              g.writeStringField("name", SdkInfo.NAME);
              g.writeStringField("version", SdkInfo.VERSION);
              g.writeEndObject();
              if (envelope.getTrace() != null) {
                g.writeObjectFieldStart("trace");
                for (Map.Entry<String, String> e : envelope.getTrace().entrySet()) {
                  g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
              }
              g.writeEndObject();
            });
    // item headers first, then one array of the exact size: the payloads are copied once
    byte[][] itemHeaders = new byte[payloads.length][];
    int size = header.length + 1;
    for (int i = 0; i < payloads.length; i++) {
      byte[] payload = payloads[i];
      if (payload == null) {
        continue;
      }
      EnvelopeItem item = items.get(i);
      itemHeaders[i] =
          Json.toBytes(
              g -> {
                g.writeStartObject();
                g.writeStringField("type", item.getType().wireName());
                g.writeNumberField("length", payload.length);
                for (Map.Entry<String, Object> h : item.getHeaders().entrySet()) {
                  g.writeFieldName(h.getKey());
                  Json.writeValue(g, h.getValue());
                }
                g.writeEndObject();
              });
      size += 1 + itemHeaders[i].length + 1 + payload.length;
    }
    byte[] out = new byte[size];
    System.arraycopy(header, 0, out, 0, header.length);
    int pos = header.length;
    for (int i = 0; i < payloads.length; i++) {
      byte[] payload = payloads[i];
      if (payload == null) {
        continue;
      }
      out[pos++] = '\n';
      System.arraycopy(itemHeaders[i], 0, out, pos, itemHeaders[i].length);
      pos += itemHeaders[i].length;
      out[pos++] = '\n';
      System.arraycopy(payload, 0, out, pos, payload.length);
      pos += payload.length;
    }
    out[pos] = '\n';
    return out;
  }

  /** RFC 3339 UTC with milliseconds: {@code 2025-06-01T12:00:00.123Z}. */
  public static String rfc3339(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }
}
