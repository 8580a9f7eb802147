package dev.sentry4j.internal.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sentry4j.internal.HostName;
import dev.sentry4j.internal.SdkInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The one event the check sends: an info-level message that says where it came from. */
final class TestEnvelope {
  /** The message of the test event, to search for in Sentry. */
  static final String MESSAGE = "sentry4j setup check";

  private static final JsonFactory JSON = new JsonFactory();

  private TestEnvelope() {}

  /**
   * The envelope bytes for an event.
   *
   * @param eventId the event id (32 hex digits)
   * @param environment the environment option
   * @param release the release option, or {@code null}
   * @param now the event's time
   */
  static byte[] build(String eventId, String environment, String release, Instant now) {
    String sdkName = SdkInfo.NAME;
    String host = HostName.get();
    byte[] event =
        json(
            g -> {
              g.writeStartObject();
              g.writeStringField("event_id", eventId);
              g.writeNumberField("timestamp", now.toEpochMilli() / 1000.0);
              g.writeStringField("platform", "java");
              g.writeStringField("level", "info");
              g.writeStringField("logger", "dev.sentry4j.check");
              g.writeObjectFieldStart("logentry");
              g.writeStringField("formatted", MESSAGE + " from " + (host == null ? "Java" : host));
              g.writeEndObject();
              g.writeStringField("environment", environment);
              if (release != null) {
                g.writeStringField("release", release);
              }
              if (host != null) {
                g.writeStringField("server_name", host);
              }
              g.writeObjectFieldStart("tags");
              g.writeStringField("sentry4j.check", "true");
              g.writeEndObject();
              g.writeObjectFieldStart("sdk");
              g.writeStringField("name", sdkName);
              g.writeStringField("version", SdkInfo.VERSION);
              g.writeEndObject();
              g.writeEndObject();
            });
    byte[] header =
        json(
            g -> {
              g.writeStartObject();
              g.writeStringField("event_id", eventId);
              g.writeStringField("sent_at", now.toString());
              g.writeObjectFieldStart("sdk");
              g.writeStringField("name", sdkName);
              g.writeStringField("version", SdkInfo.VERSION);
              g.writeEndObject();
              g.writeEndObject();
            });
    byte[] itemHeader =
        json(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "event");
              g.writeNumberField("length", event.length);
              g.writeStringField("content_type", "application/json");
              g.writeEndObject();
            });
    ByteArrayOutputStream out = new ByteArrayOutputStream(event.length + 256);
    byte[] newline = "\n".getBytes(StandardCharsets.UTF_8);
    out.writeBytes(header);
    out.writeBytes(newline);
    out.writeBytes(itemHeader);
    out.writeBytes(newline);
    out.writeBytes(event);
    out.writeBytes(newline);
    return out.toByteArray();
  }

  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: memory only
    }
    return out.toByteArray();
  }
}
