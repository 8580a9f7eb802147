package dev.sentry4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sentry4j.logs.LogItem;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the payload of a {@code log} envelope item: {@code {"items":[...]}}, one object per record
 * with {@code timestamp} (epoch seconds, a number), {@code trace_id}, {@code span_id}, {@code
 * level} ({@code warn}, not {@code warning}), {@code severity_number}, {@code body} and typed
 * {@code attributes} ({@code {"value":..,"type":"string|boolean|integer|double"}}). Internal, may
 * change. Thread-safe (stateless).
 */
public final class LogWriter {
  private LogWriter() {}

  /** Serializes a batch to compact UTF-8 JSON. */
  public static byte[] write(List<LogItem> items) {
    return Json.toBytes(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("items");
          for (LogItem item : items) {
            writeItem(g, item);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static void writeItem(JsonGenerator g, LogItem item) throws IOException {
    g.writeStartObject();
    Json.writeTimestamp(g, "timestamp", item.getTimestamp());
    g.writeStringField("trace_id", item.getTraceId());
    Json.writeString(g, "span_id", item.getSpanId());
    g.writeStringField("level", item.getLevel().logsName());
    g.writeNumberField("severity_number", item.getLevel().severityNumber());
    g.writeStringField("body", item.getBody());
    g.writeObjectFieldStart("attributes");
    for (Map.Entry<String, Object> a : item.getAttributes().entrySet()) {
      writeAttribute(g, a.getKey(), a.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeAttribute(JsonGenerator g, String name, Object value)
      throws IOException {
    g.writeObjectFieldStart(name);
    if (value instanceof Boolean) {
      g.writeBooleanField("value", (Boolean) value);
      g.writeStringField("type", "boolean");
    } else if (value instanceof Long) {
      g.writeNumberField("value", (Long) value);
      g.writeStringField("type", "integer");
    } else if (value instanceof Double) {
      g.writeNumberField("value", (Double) value);
      g.writeStringField("type", "double");
    } else {
      g.writeStringField("value", String.valueOf(value));
      g.writeStringField("type", "string");
    }
    g.writeEndObject();
  }
}
