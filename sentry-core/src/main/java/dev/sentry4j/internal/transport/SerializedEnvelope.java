package dev.sentry4j.internal.transport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentry4j.internal.json.EnvelopeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A serialized envelope read back (from memory or the disk spool) just before it is sent: checks
 * that it is whole, and writes it again with {@code sent_at} in the header, without the items a
 * rate limit covers, and with a client report appended. Envelopes are stored without {@code
 * sent_at}, which is the time of transmission. Immutable.
 */
final class SerializedEnvelope {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** One item: where its header line starts and its payload ends in the data. */
  static final class Item {
    final String type;
    final int start;
    final int end;

    Item(String type, int start, int end) {
      this.type = type;
      this.start = start;
      this.end = end;
    }
  }

  /** The bytes are not a whole envelope (truncated file, garbage, no items). */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private final byte[] data;
  private final ObjectNode header;
  private final List<Item> items;

  private SerializedEnvelope(byte[] data, ObjectNode header, List<Item> items) {
    this.data = data;
    this.header = header;
    this.items = items;
  }

  /** Parses and checks {@code data}: JSON header lines, each payload {@code length} bytes long. */
  static SerializedEnvelope parse(byte[] data) throws MalformedException {
    int headerEnd = indexOf(data, 0);
    if (headerEnd < 0) {
      throw new MalformedException("no item after the envelope header");
    }
    JsonNode header = json(data, 0, headerEnd, "envelope header");
    if (!(header instanceof ObjectNode)) {
      throw new MalformedException("the envelope header is not a JSON object");
    }
    List<Item> items = new ArrayList<>(2);
    int pos = headerEnd + 1;
    while (pos < data.length) {
      int lineEnd = indexOf(data, pos);
      if (lineEnd < 0) {
        throw new MalformedException("item header without payload at byte " + pos);
      }
      JsonNode itemHeader = json(data, pos, lineEnd, "item header");
      JsonNode type = itemHeader.get("type");
      if (!(itemHeader instanceof ObjectNode) || type == null || !type.isTextual()) {
        throw new MalformedException("item header without type at byte " + pos);
      }
      int payloadStart = lineEnd + 1;
      int payloadEnd;
      JsonNode length = itemHeader.get("length");
      if (length != null) {
        if (!length.canConvertToInt() || length.asInt() < 0) {
          throw new MalformedException("bad item length " + length);
        }
        payloadEnd = payloadStart + length.asInt();
        if (payloadEnd > data.length || payloadEnd < payloadStart) {
          throw new MalformedException("truncated: item of " + length + " bytes at byte " + pos);
        }
        if (payloadEnd < data.length && data[payloadEnd] != '\n') {
          throw new MalformedException(
              "item payload not followed by a newline at byte " + payloadEnd);
        }
      } else {
        int nl = indexOf(data, payloadStart);
        payloadEnd = nl < 0 ? data.length : nl;
      }
      checkJsonShape(data, payloadStart, payloadEnd, itemHeader);
      items.add(new Item(type.asText(), pos, payloadEnd));
      pos = payloadEnd + 1;
    }
    if (items.isEmpty()) {
      throw new MalformedException("no item after the envelope header");
    }
    return new SerializedEnvelope(data, (ObjectNode) header, items);
  }

  /** The items, in order. */
  List<Item> items() {
    return items;
  }

  /**
   * Writes the envelope for sending.
   *
   * @param sentAt written as {@code sent_at} (replacing one that was there)
   * @param keep which items to keep, by index; {@code null} keeps all
   * @param clientReport a {@code client_report} payload to append, or {@code null}
   */
  byte[] toWire(Instant sentAt, boolean[] keep, byte[] clientReport) {
    ObjectNode out = MAPPER.createObjectNode();
    JsonNode eventId = header.get("event_id");
    if (eventId != null) {
      out.set("event_id", eventId);
    }
    out.put("sent_at", EnvelopeWriter.rfc3339(sentAt));
    for (Map.Entry<String, JsonNode> f : header.properties()) {
      if (!f.getKey().equals("event_id") && !f.getKey().equals("sent_at")) {
        out.set(f.getKey(), f.getValue());
      }
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(data.length + 128);
    try {
      buffer.write(MAPPER.writeValueAsBytes(out));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an envelope header", e);
    }
    for (int i = 0; i < items.size(); i++) {
      if (keep == null || keep[i]) {
        Item item = items.get(i);
        buffer.write('\n');
        buffer.write(data, item.start, item.end - item.start);
      }
    }
    if (clientReport != null) {
      buffer.write('\n');
      buffer.writeBytes(
          ("{\"type\":\"client_report\",\"length\":"
                  + clientReport.length
                  + ",\"content_type\":\"application/json\"}\n")
              .getBytes(StandardCharsets.UTF_8));
      buffer.writeBytes(clientReport);
    }
    buffer.write('\n');
    return buffer.toByteArray();
  }

  private static final byte[] SENT_AT_KEY = "\"sent_at\"".getBytes(StandardCharsets.UTF_8);

  /**
   * The envelope as stored (header without {@code sent_at}) with {@code "sent_at"} spliced in as
   * the header's first field and a client report appended, without parsing anything: the cheap way
   * the sender stamps each attempt.
   *
   * @param data a serialized envelope: a JSON object header line, then items
   * @param sentAt the time of transmission
   * @param clientReport a {@code client_report} payload to append, or {@code null}
   * @return the bytes to send, or {@code null} when the header does not look as the SDK writes it
   *     (not an object, or already holding {@code sent_at}): then parse and use {@link #toWire}
   */
  static byte[] withSentAt(byte[] data, Instant sentAt, byte[] clientReport) {
    int headerEnd = indexOf(data, 0);
    if (headerEnd < 2
        || data[0] != '{'
        || data[headerEnd - 1] != '}'
        || contains(data, headerEnd, SENT_AT_KEY)) {
      return null;
    }
    boolean emptyHeader = headerEnd == 2;
    byte[] field = sentAtField(sentAt, !emptyHeader);
    byte[] reportLines = null;
    if (clientReport != null) {
      reportLines =
          ("{\"type\":\"client_report\",\"length\":"
                  + clientReport.length
                  + ",\"content_type\":\"application/json\"}\n")
              .getBytes(StandardCharsets.UTF_8);
    }
    boolean endsWithNewline = data[data.length - 1] == '\n';
    int size = data.length + field.length;
    if (reportLines != null) {
      size += (endsWithNewline ? 0 : 1) + reportLines.length + clientReport.length + 1;
    }
    byte[] out = new byte[size];
    out[0] = '{';
    System.arraycopy(field, 0, out, 1, field.length);
    System.arraycopy(data, 1, out, 1 + field.length, data.length - 1);
    int pos = data.length + field.length;
    if (reportLines != null) {
      if (!endsWithNewline) {
        out[pos++] = '\n';
      }
      System.arraycopy(reportLines, 0, out, pos, reportLines.length);
      pos += reportLines.length;
      System.arraycopy(clientReport, 0, out, pos, clientReport.length);
      pos += clientReport.length;
      out[pos] = '\n';
    }
    return out;
  }

  private static final byte[] SENT_AT_FIELD = "\"sent_at\":\"".getBytes(StandardCharsets.UTF_8);

  /**
   * {@code "sent_at":"<RFC 3339>"}, with a comma after it when {@code comma}, as ASCII bytes: the
   * text {@link EnvelopeWriter#rfc3339} gives (UTC, milliseconds unless zero), written without a
   * formatter, strings or concatenation (the sender stamps every attempt).
   */
  static byte[] sentAtField(Instant t, boolean comma) {
    long seconds = t.getEpochSecond();
    int millis = t.getNano() / 1_000_000;
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    int year = date.getYear();
    if (year < 0 || year > 9999) { // ISO_INSTANT writes a sign or more digits: leave it to it
      return ("\"sent_at\":\"" + EnvelopeWriter.rfc3339(t) + "\"" + (comma ? "," : ""))
          .getBytes(StandardCharsets.UTF_8);
    }
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    byte[] out = new byte[SENT_AT_FIELD.length + 20 + (millis != 0 ? 4 : 0) + 1 + (comma ? 1 : 0)];
    System.arraycopy(SENT_AT_FIELD, 0, out, 0, SENT_AT_FIELD.length);
    int pos = SENT_AT_FIELD.length;
    pos = digits(out, pos, year, 4);
    out[pos++] = '-';
    pos = digits(out, pos, date.getMonthValue(), 2);
    out[pos++] = '-';
    pos = digits(out, pos, date.getDayOfMonth(), 2);
    out[pos++] = 'T';
    pos = digits(out, pos, secondOfDay / 3600, 2);
    out[pos++] = ':';
    pos = digits(out, pos, secondOfDay / 60 % 60, 2);
    out[pos++] = ':';
    pos = digits(out, pos, secondOfDay % 60, 2);
    if (millis != 0) {
      out[pos++] = '.';
      pos = digits(out, pos, millis, 3);
    }
    out[pos++] = 'Z';
    out[pos++] = '"';
    if (comma) {
      out[pos] = ',';
    }
    return out;
  }

  private static int digits(byte[] out, int pos, int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      out[pos + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return pos + width;
  }

  private static boolean contains(byte[] data, int end, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= end; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** A JSON item whose payload does not even look like an object was damaged on disk. */
  private static void checkJsonShape(byte[] data, int start, int end, JsonNode itemHeader)
      throws MalformedException {
    JsonNode contentType = itemHeader.get("content_type");
    if (contentType == null || !"application/json".equals(contentType.asText())) {
      return;
    }
    int first = start;
    while (first < end && isSpace(data[first])) {
      first++;
    }
    int last = end - 1;
    while (last > first && isSpace(data[last])) {
      last--;
    }
    if (first >= end || data[first] != '{' || data[last] != '}') {
      throw new MalformedException("a JSON item payload is not a JSON object");
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static JsonNode json(byte[] data, int start, int end, String what)
      throws MalformedException {
    try {
      JsonNode node = MAPPER.readTree(data, start, end - start);
      if (node == null || node.isMissingNode()) {
        throw new MalformedException("empty " + what);
      }
      return node;
    } catch (IOException e) {
      throw new MalformedException("unreadable " + what);
    }
  }

  private static int indexOf(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
