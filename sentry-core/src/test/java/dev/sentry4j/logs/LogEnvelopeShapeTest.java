package dev.sentry4j.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentry4j.Sentry;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import dev.sentry4j.spi.logging.LogRecord;
import dev.sentry4j.testing.ReceivedEnvelope;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reads the raw bytes of a log envelope and checks them by hand against PROTOCOL.md §2 and §3.1
 * (the event schema does not cover log items).
 */
@Timeout(30)
class LogEnvelopeShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Integer> SEVERITY =
      Map.of("trace", 1, "debug", 5, "info", 9, "warn", 13, "error", 17, "fatal", 21);
  private static final Set<String> RECORD_KEYS =
      Set.of("timestamp", "trace_id", "span_id", "level", "severity_number", "body", "attributes");

  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void aLogEnvelopeHasTheShapeOfProtocolSection3point1() throws Exception {
    Sentry.init(
        o ->
            o.setDsn(receiver.dsn())
                .setEnableLogs(true)
                .setRelease("shop@1.4.2")
                .setServerName("web-1"));
    Sentry.logger().warn("Cart %d has %d items — ünïcödé", 17, 3);
    Sentry.logger().info("started");
    new LogCapture(LogCaptureSettings.builder("logback").minimumEventLevel(LogLevel.OFF).build())
        .capture(
            LogRecord.builder(LogLevel.ERROR)
                .loggerName("com.example.Cart")
                .thread("main", 1)
                .template("Cart {} failed", List.of(17))
                .formattedMessage("Cart 17 failed\nsecond line")
                .keyValues(Map.of("paid", false, "amount", 2.5))
                .build());
    Instant before = Instant.now();
    assertThat(Sentry.flush(Duration.ofSeconds(10))).isTrue();

    List<ReceivedEnvelope> envelopes = receiver.awaitEnvelopes(1, Duration.ofSeconds(10));
    assertThat(envelopes).hasSize(1);
    byte[] raw = envelopes.get(0).body();
    List<byte[]> lines = splitEnvelope(raw);

    JsonNode header = JSON.readTree(lines.get(0));
    assertThat(fieldNames(header)).containsExactlyInAnyOrder("sent_at", "sdk");
    assertThat(header.get("sent_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(header.at("/sdk/name").asText()).isEqualTo("sentry4j.java");

    JsonNode itemHeader = JSON.readTree(lines.get(1));
    assertThat(fieldNames(itemHeader))
        .containsExactly("type", "length", "item_count", "content_type");
    assertThat(itemHeader.get("type").asText()).isEqualTo("log");
    assertThat(itemHeader.get("content_type").asText())
        .isEqualTo("application/vnd.sentry.items.log+json");
    byte[] payload = lines.get(2);
    assertThat(itemHeader.get("length").asInt()).isEqualTo(payload.length);
    assertThat(new String(payload, StandardCharsets.UTF_8))
        .doesNotContain("\n")
        .contains("ünïcödé");
    assertThat(lines).as("one log item and nothing else").hasSize(3);

    JsonNode body = JSON.readTree(payload);
    assertThat(fieldNames(body)).containsExactly("items");
    JsonNode items = body.get("items");
    assertThat(items.isArray()).isTrue();
    assertThat(itemHeader.get("item_count").asInt()).isEqualTo(items.size()).isEqualTo(3);

    for (JsonNode record : items) {
      assertThat(RECORD_KEYS).containsAll(fieldNames(record));
      assertThat(fieldNames(record)).contains("timestamp", "trace_id", "level", "body");
      JsonNode ts = record.get("timestamp");
      assertThat(ts.isNumber()).as("timestamp is a number").isTrue();
      assertThat(ts.isFloatingPointNumber()).as("seconds with a fraction").isTrue();
      assertThat(ts.asDouble())
          .as("seconds, not milliseconds")
          .isBetween(before.getEpochSecond() - 60.0, before.getEpochSecond() + 60.0);
      assertThat(record.get("trace_id").asText()).matches("[0-9a-f]{32}");
      assertThat(record.get("span_id").asText()).matches("[0-9a-f]{16}");
      String level = record.get("level").asText();
      assertThat(SEVERITY).containsKey(level);
      assertThat(record.get("severity_number").asInt()).isEqualTo(SEVERITY.get(level));
      assertThat(record.get("body").isTextual()).isTrue();
      JsonNode attributes = record.get("attributes");
      assertThat(attributes.isObject()).isTrue();
      attributes.properties().forEach(a -> assertAttribute(a.getKey(), a.getValue()));
      if (attributes.has("sentry.message.template")) {
        assertThat(attributes.has("sentry.message.parameter.0"))
            .as("a template needs a parameter")
            .isTrue();
      }
      assertThat(attributes.get("sentry.release").get("value").asText()).isEqualTo("shop@1.4.2");
    }
    assertThat(items.get(0).get("level").asText()).isEqualTo("warn");
    assertThat(items.get(0).at("/attributes/sentry.message.parameter.0/type").asText())
        .isEqualTo("integer");
    assertThat(items.get(1).get("attributes").has("sentry.message.template")).isFalse();
    assertThat(items.get(2).at("/attributes/sentry.origin/value").asText())
        .isEqualTo("auto.log.logback");
    assertThat(items.get(2).at("/attributes/paid/type").asText()).isEqualTo("boolean");
    assertThat(items.get(2).at("/attributes/amount/type").asText()).isEqualTo("double");
    assertThat(items.get(2).get("body").asText()).isEqualTo("Cart 17 failed\nsecond line");
    assertThat(receiver.malformed()).isEmpty();
  }

  private static void assertAttribute(String name, JsonNode attribute) {
    assertThat(fieldNames(attribute)).as(name).containsExactlyInAnyOrder("value", "type");
    JsonNode value = attribute.get("value");
    switch (attribute.get("type").asText()) {
      case "string":
        assertThat(value.isTextual()).as(name).isTrue();
        break;
      case "boolean":
        assertThat(value.isBoolean()).as(name).isTrue();
        break;
      case "integer":
        assertThat(value.isIntegralNumber() && value.canConvertToLong()).as(name).isTrue();
        break;
      case "double":
        assertThat(value.isNumber()).as(name).isTrue();
        break;
      default:
        throw new AssertionError(name + " has type " + attribute.get("type"));
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(p -> names.add(p.getKey()));
    return names;
  }

  /** Header line, then per item: header line and {@code length} payload bytes (PROTOCOL.md §2). */
  private static List<byte[]> splitEnvelope(byte[] raw) throws Exception {
    List<byte[]> parts = new ArrayList<>();
    int nl = indexOf(raw, 0);
    parts.add(Arrays.copyOfRange(raw, 0, nl));
    int pos = nl + 1;
    while (pos < raw.length) {
      int end = indexOf(raw, pos);
      byte[] itemHeader = Arrays.copyOfRange(raw, pos, end);
      parts.add(itemHeader);
      int length = JSON.readTree(itemHeader).get("length").asInt();
      parts.add(Arrays.copyOfRange(raw, end + 1, end + 1 + length));
      pos = end + 1 + length;
      assertThat(pos == raw.length || raw[pos] == '\n')
          .as("payload ends with a newline or the end")
          .isTrue();
      pos++;
    }
    return parts;
  }

  private static int indexOf(byte[] raw, int from) {
    for (int i = from; i < raw.length; i++) {
      if (raw[i] == '\n') {
        return i;
      }
    }
    return raw.length;
  }
}
