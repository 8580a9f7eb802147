package dev.sentry4j.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Jackson streaming helpers shared by every writer: one factory, compact output, timestamps as epoch
 * seconds with microseconds, and frozen values. Internal, may change. Thread-safe.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

  private Json() {}

  /** Something that writes one JSON value. */
  @FunctionalInterface
  public interface Body {
    /** Writes the value. */
    void write(JsonGenerator g) throws IOException;
  }

  /** Writes {@code body} to a compact UTF-8 byte array. */
  public static byte[] toBytes(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes a timestamp as epoch seconds with six decimals ({@code 1748779200.123456}). */
  public static void writeTimestamp(JsonGenerator g, String field, Instant t) throws IOException {
    g.writeFieldName(field);
    g.writeNumber(seconds(t));
  }

  /** Epoch seconds with six decimals, as text. */
  public static String seconds(Instant t) {
    long micros = t.getNano() / 1000;
    String frac = Long.toString(1_000_000 + micros).substring(1);
    return t.getEpochSecond() + "." + frac;
  }

  /** Writes a string field when the value is not null. */
  public static void writeString(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  /** Writes a frozen value (null, String, Number, Boolean, List, Map; anything else as text). */
  public static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String) {
      g.writeString((String) value);
    } else if (value instanceof Boolean) {
      g.writeBoolean((Boolean) value);
    } else if (value instanceof Long || value instanceof Integer) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeString(Double.toString(d));
      }
    } else if (value instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List) {
      g.writeStartArray();
      for (Object item : (List<?>) value) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else {
      g.writeString(String.valueOf(value));
    }
  }
}
