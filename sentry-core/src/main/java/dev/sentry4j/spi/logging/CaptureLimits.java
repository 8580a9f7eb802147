package dev.sentry4j.spi.logging;

import dev.sentry4j.event.Event;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.spi.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps on what one log line brings to an event or a Sentry Log record, applied on the capturing
 * thread while the MDC, key-value pairs and structured data are read, so that a huge MDC costs a
 * bounded time and memory: at most {@value #MAX_ENTRIES} entries in all, keys of {@value
 * #MAX_KEY_CHARS} characters, tag values of {@value #MAX_TAG_CHARS} (Relay drops longer tags),
 * other values of {@value #MAX_VALUE_CHARS} (Sentry's extra limit) and {@value #MAX_TOTAL_CHARS}
 * characters in all. What is cut is counted ({@link LogCapture#getTruncatedLines()}) and said on
 * the event (extra {@value #MARKER}). Thread-safe (a budget is confined to one capture).
 */
final class CaptureLimits {
  static final int MAX_ENTRIES = 100;
  static final int MAX_KEY_CHARS = 200;
  static final int MAX_TAG_CHARS = 200;
  static final int MAX_VALUE_CHARS = 16 * 1024;
  static final int MAX_TOTAL_CHARS = 256 * 1024;
  static final String MARKER = "sentry4j.truncated";

  static final AtomicLong TRUNCATED_LINES = new AtomicLong();

  private CaptureLimits() {}

  /** Rough characters of a frozen value, stopping early once above the total. */
  static long estimate(Object value) {
    if (value == null) {
      return 4;
    }
    if (value instanceof String) {
      return ((String) value).length() + 2;
    }
    if (value instanceof Map) {
      long n = 2;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        n += String.valueOf(e.getKey()).length() + 3 + estimate(e.getValue());
        if (n > MAX_TOTAL_CHARS) {
          return n;
        }
      }
      return n;
    }
    if (value instanceof List) {
      long n = 2;
      for (Object o : (List<?>) value) {
        n += 1 + estimate(o);
        if (n > MAX_TOTAL_CHARS) {
          return n;
        }
      }
      return n;
    }
    return 24;
  }

  /** What one line may still take. */
  static final class Budget {
    private int entries;
    private long chars;
    private int cutEntries;
    private long cutChars;
    private boolean full;

    /** Takes one entry; false (and counted) once {@value #MAX_ENTRIES} were taken. */
    boolean takeEntry() {
      if (full || entries >= MAX_ENTRIES) {
        full = true;
        cutEntries++;
        return false;
      }
      entries++;
      return true;
    }

    /** Takes {@code n} characters; false (the entry is left out) when the total would pass. */
    boolean takeChars(long n) {
      if (chars + n > MAX_TOTAL_CHARS) {
        full = true;
        cutEntries++;
        return false;
      }
      chars += n;
      return true;
    }

    /** A value cut to {@value #MAX_VALUE_CHARS}; {@code null} when the total is used up. */
    String value(String v) {
      String cut = cut(v, MAX_VALUE_CHARS);
      return takeChars(cut.length()) ? cut : null;
    }

    /** {@code s} cut to {@code max} characters, counted when cut. */
    String cut(String s, int max) {
      if (s.length() <= max) {
        return s;
      }
      cutChars += s.length() - max;
      return Strings.truncate(s, max);
    }

    /** Counts the line when something was cut; says it once per process. */
    boolean count() {
      if (cutEntries == 0 && cutChars == 0) {
        return false;
      }
      if (TRUNCATED_LINES.getAndIncrement() == 0) {
        Diagnostics.warn(
            "A log line's MDC, key-value pairs or data passed the capture limits ("
                + MAX_ENTRIES
                + " entries, "
                + MAX_VALUE_CHARS
                + " characters a value, "
                + MAX_TOTAL_CHARS
                + " in all); the rest is left out and counted");
      }
      return true;
    }

    /** Counts and notes on the event what was cut. */
    void markOn(Event event) {
      if (count()) {
        event.setExtra(MARKER, cutEntries + " entries left out, " + cutChars + " characters cut");
      }
    }
  }
}
