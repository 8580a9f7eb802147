package dev.sentry4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.Message;
import dev.sentry4j.event.User;
import dev.sentry4j.internal.SdkInfo;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.spi.Integrations;
import dev.sentry4j.tracing.TraceContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Writes an error event as Relay's event JSON. Events larger than the 1 MiB item limit are written
 * again without extras and breadcrumb data, with shorter strings. Runs on the worker. Internal, may
 * change. Thread-safe.
 */
public final class EventWriter {
  /** Relay's limit for one event item. */
  public static final int MAX_EVENT_BYTES = 1024 * 1024;

  static final int MAX_MESSAGE = 8192;
  static final int MAX_TAG = 200;

  private final StackFrames frames;
  private final ExceptionWriter exceptions;
  private final Supplier<List<String>> integrations;
  private final Supplier<String> hostName;

  /**
   * Creates a writer.
   *
   * @param inAppIncludes class-name prefixes of in-app code
   * @param inAppExcludes class-name prefixes of library code
   * @param integrations the integrations to list in {@code sdk}
   * @param hostName the default server name (may block briefly; called on the worker)
   */
  public EventWriter(
      List<String> inAppIncludes,
      List<String> inAppExcludes,
      Supplier<List<String>> integrations,
      Supplier<String> hostName) {
    this(inAppIncludes, inAppExcludes, integrations, hostName, UnaryOperator.identity());
  }

  /**
   * Creates a writer that passes exception messages through a filter (option {@code
   * scrubMessages}).
   *
   * @param inAppIncludes class-name prefixes of in-app code
   * @param inAppExcludes class-name prefixes of library code
   * @param integrations the integrations to list in {@code sdk}
   * @param hostName the default server name (may block briefly; called on the worker)
   * @param exceptionMessages turns an exception message into the text sent; must not throw
   */
  public EventWriter(
      List<String> inAppIncludes,
      List<String> inAppExcludes,
      Supplier<List<String>> integrations,
      Supplier<String> hostName,
      UnaryOperator<String> exceptionMessages) {
    this.frames = new StackFrames(inAppIncludes, inAppExcludes);
    this.exceptions = new ExceptionWriter(frames, exceptionMessages);
    this.integrations = integrations;
    this.hostName = hostName;
  }

  /** Serializes the event, trimmed if it would exceed {@link #MAX_EVENT_BYTES}. */
  public byte[] write(Event event) {
    byte[] full = Json.toBytes(g -> writeEvent(g, event, false));
    if (full.length <= MAX_EVENT_BYTES) {
      return full;
    }
    return Json.toBytes(g -> writeEvent(g, event, true));
  }

  private void writeEvent(JsonGenerator g, Event e, boolean trimmed) throws IOException {
    int maxText = trimmed ? 1024 : MAX_MESSAGE;
    g.writeStartObject();
    g.writeStringField("event_id", e.getEventId().toString());
    Json.writeTimestamp(g, "timestamp", e.getTimestamp());
    g.writeStringField("platform", "java");
    Level level =
        e.getLevel() != null ? e.getLevel() : (e.getThrowable() != null ? Level.ERROR : Level.INFO);
    g.writeStringField("level", level.wireName());
    Json.writeString(g, "logger", e.getLogger());
    writeMessage(g, e.getMessage(), maxText);
    if (e.getThrowable() != null) {
      exceptions.write(g, e.getThrowable(), e.getMechanismType(), e.isHandled(), e.getThreadId());
    }
    writeThreads(g, e);
    writeBreadcrumbs(g, e.getBreadcrumbs(), trimmed);
    writeTags(g, e.getTags());
    if (!trimmed && !e.getExtras().isEmpty()) {
      g.writeFieldName("extra");
      Json.writeValue(g, e.getExtras());
    }
    writeContexts(g, e, trimmed);
    writeUser(g, e.getUser());
    writeSdk(g);
    Json.writeString(g, "environment", e.getEnvironment());
    Json.writeString(g, "release", e.getRelease());
    Json.writeString(g, "dist", e.getDist());
    String serverName = e.getServerName() != null ? e.getServerName() : hostName.get();
    Json.writeString(g, "server_name", serverName);
    Json.writeString(g, "transaction", e.getTransaction());
    if (e.getTransaction() != null && e.getTransactionSource() != null) {
      g.writeObjectFieldStart("transaction_info");
      g.writeStringField("source", e.getTransactionSource().wireName());
      g.writeEndObject();
    }
    List<String> fingerprint = e.getFingerprint();
    if (fingerprint != null && !fingerprint.isEmpty()) {
      g.writeArrayFieldStart("fingerprint");
      for (String f : fingerprint) {
        g.writeString(f);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeMessage(JsonGenerator g, Message m, int maxText) throws IOException {
    if (m == null || m.getTemplate() == null) {
      return;
    }
    g.writeObjectFieldStart("logentry");
    g.writeStringField("message", Strings.truncate(m.getTemplate(), maxText));
    if (!m.getParams().isEmpty()) {
      g.writeArrayFieldStart("params");
      for (String p : m.getParams()) {
        g.writeString(Strings.truncate(p, maxText));
      }
      g.writeEndArray();
    }
    if (m.getFormatted() != null) {
      g.writeStringField("formatted", Strings.truncate(m.getFormatted(), maxText));
    }
    g.writeEndObject();
  }

  private void writeThreads(JsonGenerator g, Event e) throws IOException {
    Throwable synthetic = e.getSyntheticStack();
    if (e.getThrowable() == null && synthetic == null) {
      return;
    }
    g.writeObjectFieldStart("threads");
    g.writeArrayFieldStart("values");
    g.writeStartObject();
    if (e.getThreadId() >= 0) {
      g.writeNumberField("id", e.getThreadId());
    }
    Json.writeString(g, "name", e.getThreadName());
    g.writeBooleanField("current", true);
    if (e.getThrowable() == null) {
      frames.write(g, synthetic.getStackTrace(), true);
    }
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Writes {@code "breadcrumbs":{"values":[...]}}; also used for transactions. */
  public static void writeBreadcrumbs(JsonGenerator g, List<Breadcrumb> crumbs, boolean trimmed)
      throws IOException {
    if (crumbs.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("breadcrumbs");
    if (trimmed) {
      g.writeArrayFieldStart("values");
      for (Breadcrumb b : crumbs) {
        BreadcrumbJson.write(g, b, true);
      }
      g.writeEndArray();
    } else {
      g.writeFieldName("values");
      BreadcrumbWindow.write(g, crumbs);
    }
    g.writeEndObject();
  }

  /** Writes tags, cutting keys and values to 200 characters and leaving out empty ones. */
  public static void writeTags(JsonGenerator g, Map<String, String> tags) throws IOException {
    if (tags.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("tags");
    for (Map.Entry<String, String> t : tags.entrySet()) {
      String key = t.getKey();
      String value = t.getValue();
      if (key == null || key.isEmpty() || value == null || value.isEmpty()) {
        continue;
      }
      g.writeStringField(Strings.truncate(key, MAX_TAG), Strings.truncate(value, MAX_TAG));
    }
    g.writeEndObject();
  }

  private static void writeContexts(JsonGenerator g, Event e, boolean trimmed) throws IOException {
    g.writeObjectFieldStart("contexts");
    for (Map.Entry<String, Map<String, Object>> c : e.getContexts().entrySet()) {
      if (c.getKey().equals("trace")) {
        continue;
      }
      if (trimmed && !c.getKey().equals("runtime") && !c.getKey().equals("os")) {
        continue;
      }
      g.writeFieldName(c.getKey());
      Json.writeValue(g, c.getValue());
    }
    TraceContext trace = e.getTraceContext();
    if (trace != null) {
      writeTraceContext(g, trace);
    }
    g.writeEndObject();
  }

  /** Writes {@code "trace":{...}} inside an open contexts object. */
  public static void writeTraceContext(JsonGenerator g, TraceContext trace) throws IOException {
    g.writeObjectFieldStart("trace");
    g.writeStringField("trace_id", trace.getTraceId());
    g.writeStringField("span_id", trace.getSpanId());
    Json.writeString(g, "parent_span_id", trace.getParentSpanId());
    Json.writeString(g, "op", trace.getOperation());
    Json.writeString(g, "status", trace.getStatus());
    Json.writeString(g, "origin", trace.getOrigin());
    if (trace.getSampled() != null) {
      g.writeBooleanField("sampled", trace.getSampled());
    }
    g.writeEndObject();
  }

  /** Writes the user object when there is one. */
  public static void writeUser(JsonGenerator g, User u) throws IOException {
    if (u == null) {
      return;
    }
    g.writeObjectFieldStart("user");
    Json.writeString(g, "id", u.getId());
    Json.writeString(g, "username", u.getUsername());
    Json.writeString(g, "email", u.getEmail());
    Json.writeString(g, "ip_address", u.getIpAddress());
    Json.writeString(g, "name", u.getName());
    if (!u.getData().isEmpty()) {
      g.writeFieldName("data");
      Json.writeValue(g, u.getData());
    }
    g.writeEndObject();
  }

  /** Writes the {@code sdk} object. */
  public void writeSdk(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("sdk");
    g.writeStringField("name", SdkInfo.NAME);
    g.writeStringField("version", SdkInfo.VERSION);
    List<String> names = integrations.get();
    if (!names.isEmpty()) {
      g.writeArrayFieldStart("integrations");
      for (String n : names) {
        g.writeString(n);
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("packages");
    for (String p : Integrations.packages()) {
      g.writeStartObject();
      g.writeStringField("name", p);
      g.writeStringField("version", SdkInfo.VERSION);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
