package dev.sentry4j.testing;

import static dev.sentry4j.testing.Envelopes.envelope;
import static dev.sentry4j.testing.Envelopes.errorEvent;
import static dev.sentry4j.testing.Envelopes.eventHeader;
import static dev.sentry4j.testing.Envelopes.item;
import static dev.sentry4j.testing.Envelopes.itemWithoutLength;
import static dev.sentry4j.testing.Envelopes.logEnvelope;
import static dev.sentry4j.testing.Envelopes.logRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {

  private static EnvelopeParser.Parsed parse(String text) throws MalformedEnvelopeException {
    return EnvelopeParser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsItemsWithAndWithoutLength() throws Exception {
    EnvelopeParser.Parsed parsed =
        parse(
            envelope(
                eventHeader(),
                item("{\"type\":\"event\"}", errorEvent("boom")),
                itemWithoutLength("{\"type\":\"attachment\",\"filename\":\"a.txt\"}", "hello")));

    assertThat(parsed.header.get("event_id").asText()).isEqualTo(Envelopes.EVENT_ID);
    assertThat(parsed.items).extracting(ReceivedItem::type).containsExactly("event", "attachment");
    assertThat(parsed.items.get(0).json().path("logentry").path("formatted").asText())
        .isEqualTo("boom");
    assertThat(parsed.items.get(1).payloadText()).isEqualTo("hello");
    assertThat(parsed.items.get(1).json()).isNull();
    assertThat(parsed.warnings).isEmpty();
  }

  @Test
  void finalNewlineIsOptional() throws Exception {
    String text = envelope("{}", item("{\"type\":\"attachment\",\"filename\":\"a\"}", "xyz"));
    EnvelopeParser.Parsed parsed = parse(text.substring(0, text.length() - 1));

    assertThat(parsed.items).singleElement().extracting(ReceivedItem::payloadText).isEqualTo("xyz");
  }

  @Test
  void lengthLetsAPayloadContainNewlines() throws Exception {
    EnvelopeParser.Parsed parsed =
        parse(
            envelope(
                "{}",
                item(
                    "{\"type\":\"attachment\",\"filename\":\"two-lines.txt\"}", "line 1\nline 2")));

    assertThat(parsed.items)
        .singleElement()
        .extracting(ReceivedItem::payloadText)
        .isEqualTo("line 1\nline 2");
  }

  @Test
  void payloadWithNewlineButNoLengthIsMalformed() {
    String text =
        envelope(
            "{}",
            itemWithoutLength("{\"type\":\"attachment\",\"filename\":\"a\"}", "line 1\nline 2"));

    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(MalformedEnvelopeException.class)
        .hasMessageContaining("item 1 header: not one compact JSON line");
  }

  @Test
  void lengthCountsUtf8BytesNotCharacters() throws Exception {
    String payload =
        "{\"event_id\":\"" + Envelopes.EVENT_ID + "\",\"logentry\":{\"formatted\":\"Grüße € 😀\"}}";
    EnvelopeParser.Parsed parsed =
        parse(envelope(eventHeader(), item("{\"type\":\"event\"}", payload)));
    assertThat(parsed.items.get(0).json().path("logentry").path("formatted").asText())
        .isEqualTo("Grüße € 😀");

    String countedInChars =
        envelope(
            eventHeader(), "{\"type\":\"event\",\"length\":" + payload.length() + "}\n" + payload);
    assertThatThrownBy(() -> parse(countedInChars))
        .isInstanceOf(MalformedEnvelopeException.class)
        .hasMessageContaining("item 0 (event): length " + payload.length())
        .hasMessageContaining("length must count UTF-8 bytes");
  }

  @Test
  void lengthBeyondTheBodyIsMalformed() {
    String text =
        eventHeader() + "\n{\"type\":\"attachment\",\"filename\":\"a\",\"length\":50}\nshort";

    assertThatThrownBy(() -> parse(text)).hasMessageContaining("length 50 but only 5 bytes follow");
  }

  @Test
  void lengthThatIsNotANumberIsMalformed() {
    String text = "{}\n{\"type\":\"attachment\",\"filename\":\"a\",\"length\":\"5\"}\nhello";

    assertThatThrownBy(() -> parse(text)).hasMessageContaining("\"length\" is not a byte count");
  }

  @Test
  void duplicateKeysAreMalformed() {
    String text =
        envelope(
            "{\"sent_at\":\"2025-06-01T12:00:00Z\",\"sent_at\":\"2025-06-01T12:00:01Z\"}",
            item("{\"type\":\"attachment\",\"filename\":\"a\"}", "x"));

    assertThatThrownBy(() -> parse(text))
        .hasMessageContaining("envelope header")
        .hasMessageContaining("sent_at");
  }

  @Test
  void prettyPrintedOrCrlfHeadersAreMalformed() {
    assertThatThrownBy(() -> parse("{\n  \"sent_at\": \"x\"\n}\n"))
        .hasMessageContaining("envelope header");
    assertThatThrownBy(() -> parse("{}\r\n{\"type\":\"attachment\",\"filename\":\"a\"}\nx"))
        .hasMessageContaining("white space around the JSON");
    assertThatThrownBy(() -> parse("{} \n")).hasMessageContaining("white space around the JSON");
  }

  @Test
  void itemWithoutTypeIsMalformed() {
    assertThatThrownBy(() -> parse("{}\n{\"length\":1}\nx"))
        .hasMessageContaining("no string \"type\"");
  }

  @Test
  void trailingBytesAfterTheLastItemAreAnotherItemHeader() {
    String text =
        envelope("{}", item("{\"type\":\"attachment\",\"filename\":\"a\"}", "x")) + "junk";

    assertThatThrownBy(() -> parse(text))
        .hasMessageContaining("item 1: header line not ended by a newline");
  }

  @Test
  void idsMustBe32LowercaseHex() {
    String dashed = "{\"event_id\":\"9ec79c33-ec99-42ab-8353-589fcb2e04dc\"}\n";
    String upper = "{\"trace\":{\"trace_id\":\"771A43A4192642F0B136D5159A501700\"}}\n";

    assertThatThrownBy(() -> parse(dashed))
        .hasMessageContaining("event_id is not 32 lowercase hex digits");
    assertThatThrownBy(() -> parse(upper))
        .hasMessageContaining("trace.trace_id is not 32 lowercase hex digits");
  }

  @Test
  void eventNeedsTheEnvelopeEventIdAndTheSameId() {
    String noHeaderId = envelope("{}", item("{\"type\":\"event\"}", errorEvent("x")));
    String otherId =
        envelope(
            "{\"event_id\":\"00000000000000000000000000000001\"}",
            item("{\"type\":\"event\"}", errorEvent("x")));

    assertThatThrownBy(() -> parse(noHeaderId))
        .hasMessageContaining("the envelope header has no event_id");
    assertThatThrownBy(() -> parse(otherId))
        .hasMessageContaining("differs from the envelope header's");
  }

  @Test
  void jsonItemWithBrokenPayloadIsMalformed() {
    String text = envelope(eventHeader(), item("{\"type\":\"event\"}", "{\"event_id\":"));

    assertThatThrownBy(() -> parse(text))
        .hasMessageContaining("item 0 (event): payload is not JSON");
  }

  @Test
  void oneEventOrTransactionAndOneLogItemPerEnvelope() {
    String tx = "{\"type\":\"transaction\",\"event_id\":\"" + Envelopes.EVENT_ID + "\"}";
    String both =
        envelope(
            eventHeader(),
            item("{\"type\":\"event\"}", errorEvent("x")),
            item("{\"type\":\"transaction\"}", tx));
    String logs = "{\"items\":[]}";
    String twoLogs =
        envelope(
            "{}",
            item("{\"type\":\"log\",\"item_count\":0}", logs),
            item("{\"type\":\"log\",\"item_count\":0}", logs));

    assertThatThrownBy(() -> parse(both))
        .hasMessageContaining("more than one event or transaction");
    assertThatThrownBy(() -> parse(twoLogs)).hasMessageContaining("more than one log item");
  }

  @Test
  void logItemProblemsAreWarningsNotRejections() throws Exception {
    String badRecord =
        "{\"timestamp\":\"2025-06-01T12:00:00Z\",\"trace_id\":\""
            + Envelopes.TRACE_ID
            + "\","
            + "\"level\":\"warning\",\"body\":\"x\",\"attributes\":{\"n\":{\"value\":\"17\",\"type\":\"integer\"}}}";

    EnvelopeParser.Parsed parsed = parse(logEnvelope(3, logRecord("info", "ok"), badRecord));

    assertThat(parsed.items).hasSize(1);
    assertThat(parsed.warnings)
        .containsExactly(
            "item 0 (log): item_count 3 but 2 records",
            "item 0 (log) record 1: timestamp is not a number of seconds: \"2025-06-01T12:00:00Z\"",
            "item 0 (log) record 1: level is not one of trace, debug, info, warn, error, fatal: \"warning\"",
            "item 0 (log) record 1: attribute n value does not match type integer");
  }

  @Test
  void emptyBodyIsMalformed() {
    assertThatThrownBy(() -> EnvelopeParser.parse(new byte[0])).hasMessage("empty body");
  }
}
