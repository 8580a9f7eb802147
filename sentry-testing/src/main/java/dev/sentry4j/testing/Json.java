package dev.sentry4j.testing;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/** Shared JSON reading rules: strict, because the receiver exists to catch sloppy output. */
final class Json {

  /**
   * Rejects duplicate keys (two {@code sent_at} get an envelope rejected by Relay) and anything
   * after the first JSON value on a line.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Pattern ID32 = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern ID16 = Pattern.compile("[0-9a-f]{16}");

  private Json() {}

  /** Parses one JSON value from the given byte range, or throws with Jackson's reason. */
  static JsonNode parse(byte[] bytes, int offset, int length) throws IOException {
    JsonNode node = MAPPER.readTree(bytes, offset, length);
    if (node == null || node.isMissingNode()) {
      throw new IOException("no JSON value");
    }
    return node;
  }

  /**
   * Parses JSON, returning null instead of throwing: for lazily parsed, possibly binary payloads.
   */
  static JsonNode parseOrNull(byte[] bytes) {
    try {
      return parse(bytes, 0, bytes.length);
    } catch (IOException e) {
      return null;
    }
  }

  /** True for a textual node holding 32 lowercase hex digits (a Sentry event or trace id). */
  static boolean isId32(JsonNode node) {
    return node != null && node.isTextual() && ID32.matcher(node.textValue()).matches();
  }

  /** True for a textual node holding 16 lowercase hex digits (a span id). */
  static boolean isId16(JsonNode node) {
    return node != null && node.isTextual() && ID16.matcher(node.textValue()).matches();
  }

  /** The node's text, or null when it is missing or JSON null. */
  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
  }

  /** A copy callers may change without touching what the receiver stored; null stays null. */
  static JsonNode copy(JsonNode node) {
    return node == null ? null : node.deepCopy();
  }

  /** Short one-line rendering for failure messages. */
  static String abbreviate(String text, int max) {
    String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }
}
