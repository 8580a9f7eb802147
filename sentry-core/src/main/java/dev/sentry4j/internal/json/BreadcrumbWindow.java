package dev.sentry4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import dev.sentry4j.event.Breadcrumb;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes an event's breadcrumbs array from the previous event's: consecutive events of a scope
 * carry almost the same breadcrumbs (the window of the last 100 moves on by the ones added in
 * between), so the JSON of the run they share is copied from the last array written in one piece,
 * and only the new breadcrumbs are looked up ({@link BreadcrumbJson}'s cache). Without it each of
 * the 100 breadcrumbs is a lookup touching several objects, on a worker thread whose caches the
 * application has long since filled with its own data.
 *
 * <p>The bytes are those {@link BreadcrumbJson} writes for each breadcrumb, joined by commas in
 * brackets: the same text as writing them one by one. The last {@value #KEPT} arrays are kept
 * (shared by all threads, immutable, each replaced as a whole; one per scope whose events come in
 * turn, as with requests on several threads), each if it is at most {@value #MAX_KEPT_BYTES} bytes:
 * an array made from a kept one replaces it, another one the oldest. Only for events written whole
 * (not trimmed). Internal. Thread-safe.
 */
final class BreadcrumbWindow {
  static final int KEPT = 8;
  static final int MAX_KEPT_BYTES = 128 * 1024;

  /** One written array: its breadcrumbs and where each one's JSON starts and ends in it. */
  private static final class Array {
    final Breadcrumb[] crumbs;
    final int[] starts;
    final int[] ends;
    final byte[] json;

    Array(Breadcrumb[] crumbs, int[] starts, int[] ends, byte[] json) {
      this.crumbs = crumbs;
      this.starts = starts;
      this.ends = ends;
      this.json = json;
    }
  }

  private static final AtomicReferenceArray<Array> kept = new AtomicReferenceArray<>(KEPT);
  private static final AtomicInteger nextSlot = new AtomicInteger();
  private static volatile int lastShared; // for tests

  private BreadcrumbWindow() {}

  /** Writes {@code crumbs} (not empty) as the next value: a JSON array of their objects. */
  static void write(JsonGenerator g, List<Breadcrumb> crumbs) throws IOException {
    Breadcrumb[] refs = crumbs.toArray(new Breadcrumb[0]);
    int slot = -1;
    int from = -1;
    Array before = null;
    for (int i = 0; i < KEPT && from < 0; i++) {
      Array a = kept.get(i);
      if (a != null) {
        from = indexOf(a.crumbs, refs[0]);
        if (from >= 0) {
          slot = i;
          before = a;
        }
      }
    }
    Array array = array(refs, before, from);
    if (array.json.length <= MAX_KEPT_BYTES) {
      kept.set(slot >= 0 ? slot : Math.floorMod(nextSlot.getAndIncrement(), KEPT), array);
    }
    g.writeRawValue(new Raw(array.json));
  }

  private static int indexOf(Breadcrumb[] crumbs, Breadcrumb b) {
    for (int j = 0; j < crumbs.length; j++) {
      if (crumbs[j] == b) {
        return j;
      }
    }
    return -1;
  }

  /**
   * The array for {@code refs} (not empty), sharing the run it has in common with {@code before}
   * from its index {@code from} ({@code -1}: nothing to share).
   */
  private static Array array(Breadcrumb[] refs, Array before, int from) throws IOException {
    int n = refs.length;
    int shared = 0;
    if (before != null) {
      Breadcrumb[] old = before.crumbs;
      if (from >= 0) {
        int max = Math.min(n, old.length - from);
        while (shared < max && old[from + shared] == refs[shared]) {
          shared++;
        }
      }
    }
    lastShared = shared;
    byte[][] fresh = new byte[n - shared][];
    int size = 2; // the brackets
    if (shared > 0) {
      size += before.ends[from + shared - 1] - before.starts[from];
    }
    for (int i = shared; i < n; i++) {
      byte[] crumb = BreadcrumbJson.utf8(refs[i]);
      fresh[i - shared] = crumb;
      size += crumb.length + (i > 0 ? 1 : 0);
    }
    byte[] json = new byte[size];
    int[] starts = new int[n];
    int[] ends = new int[n];
    json[0] = '[';
    int pos = 1;
    if (shared > 0) {
      int start = before.starts[from];
      System.arraycopy(before.json, start, json, 1, before.ends[from + shared - 1] - start);
      int shift = 1 - start;
      for (int i = 0; i < shared; i++) {
        starts[i] = before.starts[from + i] + shift;
        ends[i] = before.ends[from + i] + shift;
      }
      pos = ends[shared - 1];
    }
    for (int i = shared; i < n; i++) {
      if (i > 0) {
        json[pos++] = ',';
      }
      byte[] crumb = fresh[i - shared];
      starts[i] = pos;
      System.arraycopy(crumb, 0, json, pos, crumb.length);
      pos += crumb.length;
      ends[i] = pos;
    }
    json[pos] = ']';
    return new Array(refs, starts, ends, json);
  }

  /** How many breadcrumbs the last array made shared with the one before (tests). */
  static int lastShared() {
    return lastShared;
  }

  /** Forgets the kept arrays (tests). */
  static void clear() {
    for (int i = 0; i < KEPT; i++) {
      kept.set(i, null);
    }
  }

  /** UTF-8 bytes written as they are, for {@link JsonGenerator#writeRawValue}. */
  private static final class Raw implements SerializableString {
    private final byte[] utf8;

    Raw(byte[] utf8) {
      this.utf8 = utf8;
    }

    @Override
    public String getValue() {
      return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return utf8;
    }

    @Override
    public byte[] asQuotedUTF8() {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
      if (offset + utf8.length > buffer.length) {
        return -1;
      }
      System.arraycopy(utf8, 0, buffer, offset, utf8.length);
      return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      String s = getValue();
      if (offset + s.length() > buffer.length) {
        return -1;
      }
      s.getChars(0, s.length(), buffer, offset);
      return s.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(utf8);
      return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
      if (utf8.length > buffer.remaining()) {
        return -1;
      }
      buffer.put(utf8);
      return utf8.length;
    }
  }
}
