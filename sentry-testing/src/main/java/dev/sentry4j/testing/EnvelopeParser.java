package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an envelope byte by byte as Relay does, and is stricter than Relay where the protocol says
 * what an SDK must write. Hard errors reject the whole envelope; soft findings (log record details)
 * are returned as warnings and the envelope is kept.
 */
final class EnvelopeParser {

  /** Item types whose payload must be JSON. */
  private static final Set<String> JSON_TYPES =
      Set.of("event", "transaction", "log", "client_report", "session", "sessions", "check_in");

  private static final List<String> LOG_LEVELS =
      List.of("trace", "debug", "info", "warn", "error", "fatal");

  private static final Set<String> ATTRIBUTE_TYPES =
      Set.of("string", "boolean", "integer", "double");

  /** Records per log item the protocol allows. */
  private static final int MAX_LOGS_PER_ITEM = 100;

  private static final byte NEWLINE = '\n';

  /** The result of a successful parse. */
  static final class Parsed {
    final JsonNode header;
    final List<ReceivedItem> items;
    final List<String> warnings;

    Parsed(JsonNode header, List<ReceivedItem> items, List<String> warnings) {
      this.header = header;
      this.items = List.copyOf(items);
      this.warnings = List.copyOf(warnings);
    }
  }

  private EnvelopeParser() {}

  static Parsed parse(byte[] body) throws MalformedEnvelopeException {
    if (body.length == 0) {
      throw new MalformedEnvelopeException("empty body");
    }
    int headerEnd = indexOf(body, 0);
    JsonNode header =
        readHeaderLine(body, 0, headerEnd < 0 ? body.length : headerEnd, "envelope header");
    checkEnvelopeHeader(header);

    List<ReceivedItem> items = new ArrayList<>();
    int pos = headerEnd < 0 ? body.length : headerEnd + 1;
    while (pos < body.length) {
      int index = items.size();
      int lineEnd = indexOf(body, pos);
      if (lineEnd < 0) {
        throw new MalformedEnvelopeException(
            "item "
                + index
                + ": header line not ended by a newline: "
                + preview(body, pos, body.length));
      }
      JsonNode itemHeader = readHeaderLine(body, pos, lineEnd, "item " + index + " header");
      JsonNode type = itemHeader.get("type");
      if (type == null || !type.isTextual() || type.textValue().isEmpty()) {
        throw new MalformedEnvelopeException(
            "item " + index + ": header has no string \"type\": " + itemHeader);
      }
      String what = "item " + index + " (" + type.textValue() + ")";
      int payloadStart = lineEnd + 1;
      int payloadEnd;
      JsonNode length = itemHeader.get("length");
      if (length != null) {
        if (!length.isIntegralNumber() || !length.canConvertToInt() || length.intValue() < 0) {
          throw new MalformedEnvelopeException(
              what + ": \"length\" is not a byte count: " + length);
        }
        int declared = length.intValue();
        if (declared > body.length - payloadStart) {
          throw new MalformedEnvelopeException(
              String.format(
                  Locale.ROOT,
                  "%s: length %d but only %d bytes follow the item header",
                  what,
                  declared,
                  body.length - payloadStart));
        }
        payloadEnd = payloadStart + declared;
        if (payloadEnd < body.length && body[payloadEnd] != NEWLINE) {
          int actualEnd = indexOf(body, payloadStart);
          throw new MalformedEnvelopeException(
              String.format(
                  Locale.ROOT,
                  "%s: length %d is not followed by a newline or the end of the envelope"
                      + " (the payload line has %d bytes; length must count UTF-8 bytes)",
                  what,
                  declared,
                  (actualEnd < 0 ? body.length : actualEnd) - payloadStart));
        }
        pos = payloadEnd == body.length ? payloadEnd : payloadEnd + 1;
      } else {
        int nextNewline = indexOf(body, payloadStart);
        payloadEnd = nextNewline < 0 ? body.length : nextNewline;
        pos = nextNewline < 0 ? body.length : nextNewline + 1;
      }
      byte[] payload = Arrays.copyOfRange(body, payloadStart, payloadEnd);
      if (JSON_TYPES.contains(type.textValue())) {
        items.add(new ReceivedItem(itemHeader, payload, readJsonPayload(payload, what)));
      } else {
        items.add(new ReceivedItem(itemHeader, payload));
      }
    }

    List<String> warnings = new ArrayList<>();
    checkItems(header, items, warnings);
    return new Parsed(header, items, warnings);
  }

  private static JsonNode readHeaderLine(byte[] body, int from, int to, String what)
      throws MalformedEnvelopeException {
    if (from == to) {
      throw new MalformedEnvelopeException(what + ": empty line");
    }
    if (isBlank(body[from]) || isBlank(body[to - 1])) {
      throw new MalformedEnvelopeException(
          what + ": white space around the JSON (CRLF line ends?): " + preview(body, from, to));
    }
    JsonNode node;
    try {
      node = Json.parse(body, from, to - from);
    } catch (IOException e) {
      throw new MalformedEnvelopeException(
          what
              + ": not one compact JSON line ("
              + firstLine(e.getMessage())
              + "): "
              + preview(body, from, to));
    }
    if (!node.isObject()) {
      throw new MalformedEnvelopeException(
          what + ": not a JSON object: " + preview(body, from, to));
    }
    return node;
  }

  private static JsonNode readJsonPayload(byte[] payload, String what)
      throws MalformedEnvelopeException {
    try {
      return Json.parse(payload, 0, payload.length);
    } catch (IOException e) {
      throw new MalformedEnvelopeException(
          what
              + ": payload is not JSON ("
              + firstLine(e.getMessage())
              + "): "
              + preview(payload, 0, payload.length));
    }
  }

  private static void checkEnvelopeHeader(JsonNode header) throws MalformedEnvelopeException {
    JsonNode eventId = header.get("event_id");
    if (eventId != null && !Json.isId32(eventId)) {
      throw new MalformedEnvelopeException(
          "envelope header: event_id is not 32 lowercase hex digits: " + eventId);
    }
    JsonNode traceId = header.path("trace").get("trace_id");
    if (traceId != null && !Json.isId32(traceId)) {
      throw new MalformedEnvelopeException(
          "envelope header: trace.trace_id is not 32 lowercase hex digits: " + traceId);
    }
    JsonNode sentAt = header.get("sent_at");
    if (sentAt != null && !sentAt.isTextual()) {
      throw new MalformedEnvelopeException(
          "envelope header: sent_at is not an RFC 3339 string: " + sentAt);
    }
  }

  private static void checkItems(JsonNode header, List<ReceivedItem> items, List<String> warnings)
      throws MalformedEnvelopeException {
    int eventsAndTransactions = 0;
    int logItems = 0;
    int checkIns = 0;
    for (int i = 0; i < items.size(); i++) {
      ReceivedItem item = items.get(i);
      String type = item.type();
      String what = "item " + i + " (" + type + ")";
      JsonNode json = item.jsonNode();
      switch (type) {
        case "event":
        case "transaction":
          eventsAndTransactions++;
          checkEvent(header, json, what);
          break;
        case "log":
          logItems++;
          checkLogs(item.headerNode(), json, what, warnings);
          break;
        case "check_in":
          checkIns++;
          break;
        case "client_report":
          if (!json.isObject()) {
            throw new MalformedEnvelopeException(what + ": payload is not a JSON object");
          }
          break;
        case "attachment":
          if (!item.headerNode().path("filename").isTextual()) {
            throw new MalformedEnvelopeException(what + ": header has no \"filename\"");
          }
          break;
        default:
          break;
      }
    }
    if (eventsAndTransactions > 1) {
      throw new MalformedEnvelopeException(
          "more than one event or transaction item in one envelope ("
              + eventsAndTransactions
              + ")");
    }
    if (logItems > 1) {
      throw new MalformedEnvelopeException(
          "more than one log item in one envelope (" + logItems + ")");
    }
    if (checkIns > 1) {
      throw new MalformedEnvelopeException(
          "more than one check_in item in one envelope (" + checkIns + ")");
    }
  }

  private static void checkEvent(JsonNode header, JsonNode event, String what)
      throws MalformedEnvelopeException {
    if (!event.isObject()) {
      throw new MalformedEnvelopeException(what + ": payload is not a JSON object");
    }
    JsonNode headerId = header.get("event_id");
    if (headerId == null) {
      throw new MalformedEnvelopeException(what + ": the envelope header has no event_id");
    }
    JsonNode payloadId = event.get("event_id");
    if (payloadId != null && !Json.isId32(payloadId)) {
      throw new MalformedEnvelopeException(
          what + ": event_id is not 32 lowercase hex digits: " + payloadId);
    }
    if (payloadId != null && !payloadId.equals(headerId)) {
      throw new MalformedEnvelopeException(
          what + ": event_id " + payloadId + " differs from the envelope header's " + headerId);
    }
  }

  private static void checkLogs(
      JsonNode itemHeader, JsonNode payload, String what, List<String> warnings)
      throws MalformedEnvelopeException {
    JsonNode records = payload.get("items");
    if (records == null || !records.isArray()) {
      throw new MalformedEnvelopeException(what + ": payload has no \"items\" array");
    }
    JsonNode count = itemHeader.get("item_count");
    if (count == null || !count.isIntegralNumber() || count.intValue() != records.size()) {
      warnings.add(what + ": item_count " + count + " but " + records.size() + " records");
    }
    if (records.size() > MAX_LOGS_PER_ITEM) {
      warnings.add(what + ": " + records.size() + " records, more than " + MAX_LOGS_PER_ITEM);
    }
    for (int i = 0; i < records.size(); i++) {
      checkLogRecord(records.get(i), what + " record " + i, warnings);
    }
  }

  private static void checkLogRecord(JsonNode record, String what, List<String> warnings) {
    if (!record.isObject()) {
      warnings.add(what + ": not a JSON object");
      return;
    }
    if (!record.path("timestamp").isNumber()) {
      warnings.add(what + ": timestamp is not a number of seconds: " + record.get("timestamp"));
    }
    if (!Json.isId32(record.get("trace_id"))) {
      warnings.add(what + ": trace_id is not 32 lowercase hex digits: " + record.get("trace_id"));
    }
    if (record.has("span_id") && !Json.isId16(record.get("span_id"))) {
      warnings.add(what + ": span_id is not 16 lowercase hex digits: " + record.get("span_id"));
    }
    JsonNode level = record.get("level");
    if (level == null || !LOG_LEVELS.contains(level.asText())) {
      warnings.add(what + ": level is not one of " + String.join(", ", LOG_LEVELS) + ": " + level);
    }
    if (!record.path("body").isTextual()) {
      warnings.add(what + ": body is not a string: " + record.get("body"));
    }
    JsonNode attributes = record.get("attributes");
    if (attributes != null && !attributes.isObject()) {
      warnings.add(what + ": attributes is not an object");
    } else if (attributes != null) {
      for (Map.Entry<String, JsonNode> field : attributes.properties()) {
        JsonNode attribute = field.getValue();
        String attributeType = attribute.path("type").asText();
        if (!attribute.has("value") || !ATTRIBUTE_TYPES.contains(attributeType)) {
          warnings.add(
              what + ": attribute " + field.getKey() + " is not {value, type}: " + attribute);
        } else if (!matchesType(attribute.get("value"), attributeType)) {
          warnings.add(
              what
                  + ": attribute "
                  + field.getKey()
                  + " value does not match type "
                  + attributeType);
        }
      }
    }
  }

  private static boolean matchesType(JsonNode value, String type) {
    switch (type) {
      case "string":
        return value.isTextual();
      case "boolean":
        return value.isBoolean();
      case "integer":
        return value.isIntegralNumber() && value.canConvertToLong();
      case "double":
        return value.isNumber();
      default:
        return false;
    }
  }

  private static int indexOf(byte[] body, int from) {
    for (int i = from; i < body.length; i++) {
      if (body[i] == NEWLINE) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }

  private static String preview(byte[] body, int from, int to) {
    return Json.abbreviate(
        new String(body, from, Math.min(to - from, 300), java.nio.charset.StandardCharsets.UTF_8),
        200);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
