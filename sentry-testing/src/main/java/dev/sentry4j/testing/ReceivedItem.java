package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * One item of a received envelope: its header line and its payload bytes, exactly as sent.
 *
 * <p>Immutable and thread-safe; the JSON accessors return copies.
 */
public final class ReceivedItem {

  private final JsonNode header;
  private final byte[] payload;
  private final Object parseLock = new Object();
  private JsonNode json; // guarded by parseLock
  private boolean parsed; // guarded by parseLock

  ReceivedItem(JsonNode header, byte[] payload) {
    this.header = header;
    this.payload = payload;
  }

  /** For payloads the parser already read as JSON. */
  ReceivedItem(JsonNode header, byte[] payload, JsonNode json) {
    this(header, payload);
    this.json = json;
    this.parsed = true;
  }

  /**
   * The item type from the header, e.g. {@code event}, {@code transaction}, {@code log}, {@code
   * client_report}, {@code attachment}.
   *
   * @return the {@code type} header value, never null (items without one are rejected)
   */
  public String type() {
    return header.path("type").asText();
  }

  /**
   * The item header, e.g. {@code {"type":"log","item_count":2,"length":767}}.
   *
   * @return a copy of the header JSON object
   */
  public JsonNode header() {
    return header.deepCopy();
  }

  /**
   * The payload exactly as received (after HTTP decompression).
   *
   * @return a copy of the payload bytes
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The payload decoded as UTF-8, for text payloads and failure messages.
   *
   * @return the payload as a string
   */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /**
   * The payload parsed as JSON, parsed on first use.
   *
   * @return a copy of the parsed payload, or null when the payload is not JSON (e.g. an attachment)
   */
  public JsonNode json() {
    return Json.copy(jsonNode());
  }

  /** The shared parsed payload, for the views in this package that never change it. */
  JsonNode jsonNode() {
    synchronized (parseLock) {
      if (!parsed) {
        json = Json.parseOrNull(payload);
        parsed = true;
      }
      return json;
    }
  }

  /** The shared header node, for the views in this package that never change it. */
  JsonNode headerNode() {
    return header;
  }

  /** Returns e.g. {@code event (312 bytes)}. */
  @Override
  public String toString() {
    return type() + " (" + payload.length + " bytes)";
  }
}
