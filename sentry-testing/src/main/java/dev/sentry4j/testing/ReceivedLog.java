package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log record taken from the {@code items} array of a {@code log} item.
 *
 * <p>Immutable and thread-safe; the JSON accessors return copies.
 */
public final class ReceivedLog {

  private final JsonNode json;
  private final ReceivedEnvelope envelope;

  ReceivedLog(JsonNode json, ReceivedEnvelope envelope) {
    this.json = json;
    this.envelope = envelope;
  }

  /**
   * The whole record.
   *
   * @return a copy of the record JSON object
   */
  public JsonNode json() {
    return json.deepCopy();
  }

  /**
   * The envelope this record arrived in.
   *
   * @return the envelope
   */
  public ReceivedEnvelope envelope() {
    return envelope;
  }

  /**
   * The formatted message.
   *
   * @return the {@code body}, or null when absent
   */
  public String body() {
    return Json.text(json.get("body"));
  }

  /**
   * The log level as sent: {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error}
   * or {@code fatal}.
   *
   * @return the level, or null when absent
   */
  public String level() {
    return Json.text(json.get("level"));
  }

  /**
   * The OpenTelemetry severity number.
   *
   * @return the {@code severity_number}, or null when absent
   */
  public Integer severityNumber() {
    JsonNode node = json.get("severity_number");
    return node == null || !node.isNumber() ? null : node.intValue();
  }

  /**
   * The timestamp in seconds since the epoch.
   *
   * @return the {@code timestamp}, or null when absent or not a number
   */
  public Double timestamp() {
    JsonNode node = json.get("timestamp");
    return node == null || !node.isNumber() ? null : node.doubleValue();
  }

  /**
   * The trace the record belongs to.
   *
   * @return the {@code trace_id}, or null when absent
   */
  public String traceId() {
    return Json.text(json.get("trace_id"));
  }

  /**
   * The span active when the record was made.
   *
   * @return the {@code span_id}, or null when absent
   */
  public String spanId() {
    return Json.text(json.get("span_id"));
  }

  /**
   * The value of one attribute, e.g. {@code attribute("sentry.origin").asText()}.
   *
   * @param name the attribute name
   * @return a copy of its {@code value} node, or null when there is no such attribute
   */
  public JsonNode attribute(String name) {
    return Json.copy(json.path("attributes").path(name).get("value"));
  }

  /**
   * The declared type of one attribute: {@code string}, {@code boolean}, {@code integer} or {@code
   * double}.
   *
   * @param name the attribute name
   * @return its {@code type}, or null when there is no such attribute
   */
  public String attributeType(String name) {
    return Json.text(json.path("attributes").path(name).get("type"));
  }

  /**
   * All attribute values by name (the {@code value} of each {@code {"value":..,"type":..}}; use
   * {@link #attributeType} for the types).
   *
   * @return an unmodifiable map of copies in payload order
   */
  public Map<String, JsonNode> attributes() {
    Map<String, JsonNode> attributes = new LinkedHashMap<>();
    JsonNode node = json.get("attributes");
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        attributes.put(field.getKey(), Json.copy(field.getValue().get("value")));
      }
    }
    return Collections.unmodifiableMap(attributes);
  }

  /** Returns a one-line summary: level and body. */
  @Override
  public String toString() {
    return "log[" + level() + " '" + Json.abbreviate(String.valueOf(body()), 120) + "']";
  }
}
