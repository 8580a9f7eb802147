package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload of an {@code event} or {@code transaction} item, with accessors for the fields tests
 * look at most. Anything else is reachable through {@link #json()}.
 *
 * <p>Immutable and thread-safe; the JSON accessors return copies.
 */
public final class ReceivedEvent {

  private final JsonNode json;
  private final ReceivedEnvelope envelope;

  ReceivedEvent(JsonNode json, ReceivedEnvelope envelope) {
    this.json = json;
    this.envelope = envelope;
  }

  /**
   * The whole payload.
   *
   * @return a copy of the event JSON object
   */
  public JsonNode json() {
    return json.deepCopy();
  }

  /**
   * The envelope this event arrived in (for its header, request headers, siblings).
   *
   * @return the envelope
   */
  public ReceivedEnvelope envelope() {
    return envelope;
  }

  /**
   * The payload's {@code event_id}.
   *
   * @return the id, or null when absent
   */
  public String eventId() {
    return Json.text(json.get("event_id"));
  }

  /**
   * The event level, e.g. {@code error} or {@code warning}.
   *
   * @return the level, or null when absent
   */
  public String level() {
    return Json.text(json.get("level"));
  }

  /**
   * The logger name.
   *
   * @return the {@code logger} field, or null when absent
   */
  public String logger() {
    return Json.text(json.get("logger"));
  }

  /**
   * The text a user would read as the event's title: {@code logentry.formatted}, else {@code
   * logentry.message}, else the last (captured) exception as {@code "type: value"}.
   *
   * @return the message, or null when the event has none of these
   */
  public String message() {
    JsonNode logentry = json.path("logentry");
    String formatted = Json.text(logentry.get("formatted"));
    if (formatted != null) {
      return formatted;
    }
    String message = Json.text(logentry.get("message"));
    if (message != null) {
      return message;
    }
    List<JsonNode> exceptions = exceptions();
    if (exceptions.isEmpty()) {
      return null;
    }
    JsonNode last = exceptions.get(exceptions.size() - 1);
    String type = Json.text(last.get("type"));
    String value = Json.text(last.get("value"));
    if (type == null) {
      return value;
    }
    return value == null ? type : type + ": " + value;
  }

  /**
   * The tags, read from the object form ({@code {"k":"v"}}) or the pair-list form ({@code
   * [["k","v"]]}) the schema also allows.
   *
   * @return an unmodifiable map in payload order, empty when there are none
   */
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode node = json.get("tags");
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        tags.put(field.getKey(), Json.text(field.getValue()));
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode pair : node) {
        if (pair.isArray() && pair.size() == 2) {
          tags.put(pair.get(0).asText(), Json.text(pair.get(1)));
        }
      }
    }
    return Collections.unmodifiableMap(tags);
  }

  /**
   * The {@code extra} object.
   *
   * @return a copy, or null when absent
   */
  public JsonNode extra() {
    return Json.copy(json.get("extra"));
  }

  /**
   * The {@code contexts} object ({@code trace}, {@code runtime}, {@code os}, user contexts).
   *
   * @return a copy, or null when absent
   */
  public JsonNode contexts() {
    return Json.copy(json.get("contexts"));
  }

  /**
   * The trace id of {@code contexts.trace}.
   *
   * @return the trace id, or null when absent
   */
  public String traceId() {
    return Json.text(json.path("contexts").path("trace").get("trace_id"));
  }

  /**
   * The span id of {@code contexts.trace} (for a transaction: its root span).
   *
   * @return the span id, or null when absent
   */
  public String spanId() {
    return Json.text(json.path("contexts").path("trace").get("span_id"));
  }

  /**
   * The breadcrumbs ({@code breadcrumbs.values}) in payload order, oldest first.
   *
   * @return an unmodifiable list of copies, empty when there are none
   */
  public List<JsonNode> breadcrumbs() {
    return valuesOf(json.get("breadcrumbs"));
  }

  /**
   * The exceptions ({@code exception.values}) in payload order: root cause first, the captured
   * exception last.
   *
   * @return an unmodifiable list of copies, empty when there are none
   */
  public List<JsonNode> exceptions() {
    return valuesOf(json.get("exception"));
  }

  /**
   * The {@code user} object.
   *
   * @return a copy, or null when absent
   */
  public JsonNode user() {
    return Json.copy(json.get("user"));
  }

  /**
   * The transaction name ({@code transaction} field), set on transactions and on errors captured
   * inside one.
   *
   * @return the name, or null when absent
   */
  public String transaction() {
    return Json.text(json.get("transaction"));
  }

  /**
   * The child spans of a transaction, in payload order.
   *
   * @return an unmodifiable list of copies, empty when there are none
   */
  public List<JsonNode> spans() {
    return copies(json.get("spans"));
  }

  /** Returns a one-line summary: level, logger and message. */
  @Override
  public String toString() {
    String type = Json.text(json.get("type"));
    String title = "transaction".equals(type) ? transaction() : message();
    return (type == null ? "event" : type)
        + "["
        + (level() == null ? "" : level() + " ")
        + (logger() == null ? "" : logger() + " ")
        + "'"
        + Json.abbreviate(String.valueOf(title), 120)
        + "']";
  }

  /** The shared payload node, for checks in this package that never change it. */
  JsonNode jsonNode() {
    return json;
  }

  /** Reads the {@code {"values":[...]}} shape, also accepting a bare array. */
  private static List<JsonNode> valuesOf(JsonNode node) {
    if (node == null) {
      return List.of();
    }
    return copies(node.isArray() ? node : node.get("values"));
  }

  private static List<JsonNode> copies(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<JsonNode> list = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      list.add(element.deepCopy());
    }
    return Collections.unmodifiableList(list);
  }
}
