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
 * Jackson streaming helpers shared by every writer: one factory, compact output, timestamps as
 * epoch seconds with microseconds, and frozen values. Internal, may change. Thread-safe.
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

  /**
   * Writes {@code body} to a compact UTF-8 byte array. The bytes are written into a buffer kept per
   * thread (up to {@value #MAX_KEPT_BUFFER} bytes), so that an event is copied once, into the exact
   * array returned, instead of at every doubling of a fresh buffer.
   */
  public static byte[] toBytes(Body body) {
    Buffer out = BUFFERS.get();
    if (out.inUse) {
      out = new Buffer(); // a body that serializes something else while it writes
    }
    out.inUse = true;
    out.reset();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out.inUse = false;
    }
    byte[] bytes = out.toByteArray();
    if (out.capacity() > MAX_KEPT_BUFFER) {
      BUFFERS.remove();
    }
    return bytes;
  }

  /** A compact UTF-8 generator writing to {@code out}. */
  static JsonGenerator generator(java.io.OutputStream out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  /** Largest buffer {@link #toBytes} keeps for the next call on the same thread. */
  static final int MAX_KEPT_BUFFER = 256 * 1024;

  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  /** A reusable output buffer. */
  private static final class Buffer extends ByteArrayOutputStream {
    boolean inUse;

    Buffer() {
      super(4096);
    }

    int capacity() {
      return buf.length;
    }
  }

  /** Writes a timestamp as epoch seconds with six decimals ({@code 1748779200.123456}). */
  public static void writeTimestamp(JsonGenerator g, String field, Instant t) throws IOException {
    g.writeFieldName(field);
    // digits written straight into a small array: no String per timestamp (100 per event)
    char[] text = new char[32];
    int end = text.length;
    long micros = t.getNano() / 1000;
    for (int i = 0; i < 6; i++) {
      text[--end] = (char) ('0' + micros % 10);
      micros /= 10;
    }
    text[--end] = '.';
    long secs = t.getEpochSecond();
    boolean negative = secs < 0;
    long s = Math.abs(secs);
    do {
      text[--end] = (char) ('0' + s % 10);
      s /= 10;
    } while (s > 0);
    if (negative) {
      text[--end] = '-';
    }
    g.writeRawValue(text, end, text.length - end);
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
