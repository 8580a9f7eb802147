package dev.sentry4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.internal.Strings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes one breadcrumb as JSON, reusing the text written for the same breadcrumb before: a
 * breadcrumb is immutable and rides along in up to 100 consecutive events of its scope, so a burst
 * of errors would otherwise encode each one again for every event. The cache is a small
 * direct-mapped table keyed by identity; entries are immutable, so racing threads at worst encode a
 * breadcrumb twice. Only breadcrumbs of up to {@value #MAX_CACHED_CHARS} characters of JSON are
 * kept, which bounds the memory held (breadcrumbs included) to well under a megabyte. Internal.
 * Thread-safe.
 */
final class BreadcrumbJson {
  static final int SLOTS = 1024;
  static final int MAX_CACHED_CHARS = 768;

  private static final class Entry {
    final Breadcrumb crumb;
    final SerializedString json;

    Entry(Breadcrumb crumb, SerializedString json) {
      this.crumb = crumb;
      this.json = json;
    }
  }

  private static final Entry[] CACHE = new Entry[SLOTS];

  private BreadcrumbJson() {}

  /** Writes {@code b} as the next value of the array {@code g} is in. */
  static void write(JsonGenerator g, Breadcrumb b, boolean trimmed) throws IOException {
    if (trimmed) {
      writeFields(g, b, true);
      return;
    }
    // two ways per set: the 100 breadcrumbs of an event rarely evict each other
    int slot = System.identityHashCode(b) & (SLOTS - 1);
    Entry e = CACHE[slot];
    if (e == null || e.crumb != b) {
      e = CACHE[slot ^ 1];
      if (e == null || e.crumb != b) {
        e = encode(b);
        if (e.json.charLength() <= MAX_CACHED_CHARS) {
          Entry first = CACHE[slot];
          CACHE[first == null || CACHE[slot ^ 1] != null ? slot : slot ^ 1] = e;
        }
      }
    }
    g.writeRawValue(e.json);
  }

  private static Entry encode(Breadcrumb b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator crumb = Json.generator(out)) {
      writeFields(crumb, b, false);
    }
    return new Entry(b, new SerializedString(out.toString(StandardCharsets.UTF_8)));
  }

  private static void writeFields(JsonGenerator g, Breadcrumb b, boolean trimmed)
      throws IOException {
    g.writeStartObject();
    Json.writeTimestamp(g, "timestamp", b.getTimestamp());
    g.writeStringField("type", b.getType());
    Json.writeString(g, "category", b.getCategory());
    g.writeStringField("level", b.getLevel().wireName());
    String message = b.getMessage();
    Json.writeString(
        g,
        "message",
        message == null
            ? null
            : Strings.truncate(message, trimmed ? 256 : EventWriter.MAX_MESSAGE));
    if (!trimmed && !b.getData().isEmpty()) {
      g.writeFieldName("data");
      Json.writeValue(g, b.getData());
    }
    g.writeEndObject();
  }
}
