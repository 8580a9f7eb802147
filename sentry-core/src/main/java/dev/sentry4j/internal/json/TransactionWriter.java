package dev.sentry4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.tracing.SpanData;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a transaction as Relay's transaction JSON: {@code type}, name and {@code
 * transaction_info}, {@code start_timestamp}/{@code timestamp} in seconds, the root span as {@code
 * contexts.trace}, the child spans, and the scope data errors carry too. A payload over the 1 MiB
 * item limit is written again without extras, breadcrumb and span data, and with shorter
 * descriptions. Runs on the worker. Internal, may change. Thread-safe.
 */
public final class TransactionWriter {
  private static final int TRIMMED_DESCRIPTION = 256;

  private final EventWriter events;
  private final Supplier<String> hostName;

  /**
   * Creates a writer.
   *
   * @param events writes the parts shared with error events ({@code sdk})
   * @param hostName the default server name (may block briefly; called on the worker)
   */
  public TransactionWriter(EventWriter events, Supplier<String> hostName) {
    this.events = events;
    this.hostName = hostName;
  }

  /** Serializes the transaction, trimmed if it would exceed {@link EventWriter#MAX_EVENT_BYTES}. */
  public byte[] write(TransactionEvent transaction) {
    byte[] full = Json.toBytes(g -> writeTransaction(g, transaction, false));
    if (full.length <= EventWriter.MAX_EVENT_BYTES) {
      return full;
    }
    return Json.toBytes(g -> writeTransaction(g, transaction, true));
  }

  private void writeTransaction(JsonGenerator g, TransactionEvent t, boolean trimmed)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("event_id", t.getEventId().toString());
    g.writeStringField("type", "transaction");
    Json.writeString(g, "transaction", t.getTransaction());
    g.writeObjectFieldStart("transaction_info");
    g.writeStringField("source", t.getSource().wireName());
    g.writeEndObject();
    Json.writeTimestamp(g, "start_timestamp", t.getStartTimestamp());
    Json.writeTimestamp(g, "timestamp", t.getTimestamp());
    g.writeStringField("platform", "java");
    EventWriter.writeTags(g, t.getTags());
    if (!trimmed && !t.getExtras().isEmpty()) {
      g.writeFieldName("extra");
      Json.writeValue(g, t.getExtras());
    }
    writeContexts(g, t, trimmed);
    writeSpans(g, t, trimmed);
    EventWriter.writeBreadcrumbs(g, t.getBreadcrumbs(), trimmed);
    EventWriter.writeUser(g, t.getUser());
    events.writeSdk(g);
    Json.writeString(g, "environment", t.getEnvironment());
    Json.writeString(g, "release", t.getRelease());
    Json.writeString(g, "dist", t.getDist());
    Json.writeString(
        g, "server_name", t.getServerName() != null ? t.getServerName() : hostName.get());
    g.writeEndObject();
  }

  private static void writeContexts(JsonGenerator g, TransactionEvent t, boolean trimmed)
      throws IOException {
    g.writeObjectFieldStart("contexts");
    for (Map.Entry<String, Map<String, Object>> c : t.getContexts().entrySet()) {
      if (c.getKey().equals("trace")) {
        continue;
      }
      if (trimmed && !c.getKey().equals("runtime") && !c.getKey().equals("os")) {
        continue;
      }
      g.writeFieldName(c.getKey());
      Json.writeValue(g, c.getValue());
    }
    SpanData root = t.getRootSpan();
    g.writeObjectFieldStart("trace");
    g.writeStringField("trace_id", root.getTraceId());
    g.writeStringField("span_id", root.getSpanId());
    Json.writeString(g, "parent_span_id", root.getParentSpanId());
    Json.writeString(g, "op", root.getOperation());
    Json.writeString(g, "status", root.getStatus() == null ? null : root.getStatus().wireName());
    Json.writeString(g, "origin", root.getOrigin());
    if (!trimmed && !root.getData().isEmpty()) {
      g.writeFieldName("data");
      Json.writeValue(g, root.getData());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeSpans(JsonGenerator g, TransactionEvent t, boolean trimmed)
      throws IOException {
    g.writeArrayFieldStart("spans");
    for (SpanData s : t.getSpans()) {
      if (s == null) {
        continue;
      }
      g.writeStartObject();
      g.writeStringField("trace_id", s.getTraceId());
      g.writeStringField("span_id", s.getSpanId());
      Json.writeString(g, "parent_span_id", s.getParentSpanId());
      Json.writeString(g, "op", s.getOperation());
      String description = s.getDescription();
      if (description != null) {
        int max = trimmed ? TRIMMED_DESCRIPTION : EventWriter.MAX_MESSAGE;
        g.writeStringField("description", Strings.truncate(description, max));
      }
      Json.writeTimestamp(g, "start_timestamp", s.getStartTimestamp());
      Json.writeTimestamp(g, "timestamp", s.getTimestamp());
      Json.writeString(g, "status", s.getStatus() == null ? null : s.getStatus().wireName());
      Json.writeString(g, "origin", s.getOrigin());
      EventWriter.writeTags(g, s.getTags());
      if (!trimmed && !s.getData().isEmpty()) {
        g.writeFieldName("data");
        Json.writeValue(g, s.getData());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
