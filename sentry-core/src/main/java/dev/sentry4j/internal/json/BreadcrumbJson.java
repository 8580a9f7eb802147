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
 * of errors would otherwise encode each one again for every event. The cache is a small two-way
 * set-associative table keyed by identity (most recently used way first); entries are immutable, so
 * racing threads at worst encode a breadcrumb twice. Only breadcrumbs of up to {@value
 * #MAX_CACHED_CHARS} characters of JSON are kept, which bounds the memory held (breadcrumbs
 * included) to well under a megabyte. Internal. Thread-safe.
 */
final class BreadcrumbJson {
  static final int SLOTS = 1024;
  private static final int SET_BITS = 9; // 512 sets of two ways
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
    g.writeRawValue(entry(b).json);
  }

  /** The JSON of {@code b} (written whole) as UTF-8; the cache's array: do not change it. */
  static byte[] utf8(Breadcrumb b) throws IOException {
    return entry(b).json.asUnquotedUTF8();
  }

  /** {@code b}'s cache entry, made (and kept, if small enough) if there is none. */
  private static Entry entry(Breadcrumb b) throws IOException {
    // Two ways per set, the most recently used first: a hit in the second way moves to the first;
    // a new entry takes the first and pushes its occupant to the second. Entries no event carries
    // any more are thus the ones replaced, not live ones (which cost a new encoding per event).
    int slot = slot(b);
    Entry e = CACHE[slot];
    if (e == null || e.crumb != b) {
      Entry second = CACHE[slot + 1];
      if (second != null && second.crumb == b) {
        CACHE[slot + 1] = e;
        CACHE[slot] = second;
        e = second;
      } else {
        Entry made = encode(b);
        if (made.json.charLength() <= MAX_CACHED_CHARS) {
          CACHE[slot + 1] = e;
          CACHE[slot] = made;
        }
        e = made;
      }
    }
    return e;
  }

  /** The first way of {@code b}'s set: identity hash spread over the whole table. */
  static int slot(Breadcrumb b) {
    int h = System.identityHashCode(b) * 0x9E3779B9; // Fibonacci hashing: uses all the bits
    return (h >>> (32 - SET_BITS)) << 1;
  }

  /** Whether {@code b}'s JSON is in the cache (tests). */
  static boolean isCached(Breadcrumb b) {
    int slot = slot(b);
    Entry first = CACHE[slot];
    Entry second = CACHE[slot + 1];
    return (first != null && first.crumb == b) || (second != null && second.crumb == b);
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
