package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.json.EnvelopeWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerializedEnvelopeTest {
  private static final Instant SENT = Instant.parse("2026-06-01T12:00:00.123Z");

  @Test
  void writesSentAtOnceWhenSendingAnEnvelopeStoredWithoutIt() throws Exception {
    Envelope envelope = Envelopes.event("hello");
    byte[] stored = EnvelopeWriter.write(envelope, null);
    assertThat(text(stored)).doesNotContain("sent_at");

    String wire = text(SerializedEnvelope.parse(stored).toWire(SENT, null, null));

    String header = wire.substring(0, wire.indexOf('\n'));
    assertThat(header)
        .startsWith(
            "{\"event_id\":\""
                + envelope.getEventId()
                + "\",\"sent_at\":\"2026-06-01T12:00:00.123Z\"")
        .contains("\"sdk\":{\"name\":\"sentry4j.java\"");
    assertThat(wire.substring(header.length()))
        .isEqualTo(text(stored).substring(text(stored).indexOf('\n')));
  }

  @Test
  void replacesAStoredSentAtInsteadOfWritingASecondOne() throws Exception {
    byte[] stored = EnvelopeWriter.write(Envelopes.event("hello"), Instant.EPOCH);

    String wire = text(SerializedEnvelope.parse(stored).toWire(SENT, null, null));

    assertThat(wire.split("sent_at", -1)).hasSize(2);
    assertThat(wire).contains("2026-06-01T12:00:00.123Z").doesNotContain("1970");
  }

  @Test
  void leavesOutDroppedItemsAndAppendsAClientReport() throws Exception {
    byte[] stored = EnvelopeWriter.write(Envelopes.eventWithAttachment("hello", "data!"), null);
    SerializedEnvelope parsed = SerializedEnvelope.parse(stored);
    assertThat(parsed.items()).extracting(i -> i.type).containsExactly("event", "attachment");

    byte[] report = "{\"discarded_events\":[]}".getBytes(StandardCharsets.UTF_8);
    String wire = text(parsed.toWire(SENT, new boolean[] {true, false}, report));

    assertThat(wire).doesNotContain("attachment").doesNotContain("data!");
    assertThat(wire)
        .endsWith(
            "\n{\"type\":\"client_report\",\"length\":23,\"content_type\":\"application/json\"}\n"
                + "{\"discarded_events\":[]}\n");
  }

  @Test
  void writesSentAtExactlyAsTheFormatterDoes() {
    List<Instant> times =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("1999-12-31T23:59:59.999Z"),
                Instant.parse("2024-02-29T00:00:00Z"),
                Instant.parse("2026-12-06T06:15:07.004123Z"),
                Instant.parse("0001-01-01T00:00:00.010Z"),
                Instant.parse("9999-12-31T23:59:59.100Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.500Z")));
    java.util.Random random = new java.util.Random(21);
    for (int i = 0; i < 2000; i++) {
      times.add(Instant.ofEpochMilli(random.nextLong() % 300_000_000_000_000L));
    }
    for (Instant t : times) {
      for (boolean comma : new boolean[] {false, true}) {
        String expected = "\"sent_at\":\"" + EnvelopeWriter.rfc3339(t) + "\"" + (comma ? "," : "");
        assertThat(new String(SerializedEnvelope.sentAtField(t, comma), StandardCharsets.UTF_8))
            .as("%s", t)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void refusesTruncatedGarbageAndEmptyEnvelopes() {
    byte[] whole = EnvelopeWriter.write(Envelopes.event("hello"), null);
    byte[] truncated = Arrays.copyOf(whole, whole.length - 20);
    byte[] headerOnly = "{\"sdk\":{}}\n".getBytes(StandardCharsets.UTF_8);
    byte[] garbage = "\u0000\u0001not json\n{}".getBytes(StandardCharsets.UTF_8);
    byte[] damagedPayload =
        text(whole)
            .replace("{\"event_id\":\"", "[\"event_id\":\"")
            .getBytes(StandardCharsets.UTF_8);

    for (byte[] bad : new byte[][] {truncated, headerOnly, garbage, new byte[0], damagedPayload}) {
      assertThatThrownBy(() -> SerializedEnvelope.parse(bad))
          .as(text(bad))
          .isInstanceOf(SerializedEnvelope.MalformedException.class);
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
