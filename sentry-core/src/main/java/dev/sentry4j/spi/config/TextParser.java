package dev.sentry4j.spi.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one text grammar of every setting, whatever file or variable it comes from (logback.xml,
 * log4j2.xml, logging.properties, sentry.properties, {@code SENTRY_*}, {@code -Dsentry.*}):
 *
 * <ul>
 *   <li>booleans: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}, any case;
 *   <li>lists: comma-separated, blanks trimmed, empty entries dropped;
 *   <li>durations: {@code 15s}, {@code 1.5s}, {@code 500ms}, {@code 2m}, ISO-8601 {@code PT15S}, or
 *       plain milliseconds (sentry-java's {@code ...Millis} options);
 *   <li>sizes in bytes: {@code 33554432}, {@code 32MiB}, {@code 32MB}, {@code 512KiB}, {@code 1GiB}
 *       ({@code KB/MB/GB} are binary too, as in the JVM's {@code -Xmx});
 *   <li>maps: {@code key=value,key=value}.
 * </ul>
 *
 * <p>Each parser throws {@link IllegalArgumentException} quoting the text and saying what was
 * expected; callers add the option's name and source. Stateless and thread-safe.
 */
public final class TextParser {
  private TextParser() {}

  /**
   * Parses a boolean: {@code true/false/yes/no/on/off/1/0}, case-insensitively, blanks trimmed.
   *
   * @throws IllegalArgumentException for anything else, empty text included
   */
  public static boolean parseBoolean(String text) {
    switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "1":
        return true;
      case "false":
      case "no":
      case "off":
      case "0":
        return false;
      default:
        throw new IllegalArgumentException(
            "'" + text + "' is not a boolean (expected true/false, yes/no, on/off or 1/0)");
    }
  }

  /** Parses a comma-separated list, trimming blanks and dropping empty entries. */
  public static List<String> parseList(String text) {
    if (text == null) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Parses {@code key=value,key=value}.
   *
   * @throws IllegalArgumentException naming the entry that has no key
   */
  public static Map<String, String> parseMap(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : parseList(text)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + entry + "' is not key=value");
      }
      out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Parses a decimal number.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static double parseDouble(String text) {
    try {
      double d = Double.parseDouble(text.trim());
      if (Double.isNaN(d)) {
        throw new NumberFormatException("NaN");
      }
      return d;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number", e);
    }
  }

  /**
   * Parses a whole number ({@code _} separators allowed: {@code 10_000}).
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim().replace("_", ""));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
    }
  }

  /**
   * Parses a whole number that fits an {@code int}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static int parseInt(String text) {
    long value = parseLong(text);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return (int) value;
  }

  /**
   * Parses a size in bytes: a whole number, optionally followed by {@code B}, {@code KB}/{@code
   * KiB}, {@code MB}/{@code MiB} or {@code GB}/{@code GiB} (all binary multiples), any case.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static long parseSize(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("_", "");
    long unit = 1;
    String[][] units = {{"kib", "kb", "k"}, {"mib", "mb", "m"}, {"gib", "gb", "g"}};
    outer:
    for (int i = 0; i < units.length; i++) {
      for (String suffix : units[i]) {
        if (t.endsWith(suffix)) {
          unit = 1L << (10 * (i + 1));
          t = t.substring(0, t.length() - suffix.length()).trim();
          break outer;
        }
      }
    }
    if (unit == 1 && t.endsWith("b")) {
      t = t.substring(0, t.length() - 1).trim();
    }
    try {
      return Math.multiplyExact(Long.parseLong(t), unit);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size (expected bytes, or a number with KiB, MiB or GiB)", e);
    }
  }

  /**
   * Parses a duration: {@code 15s}, {@code 1.5s}, {@code 500ms}, {@code 2m}, {@code 1h}, ISO-8601
   * {@code PT15S}, or milliseconds.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static Duration parseDuration(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("_", "");
    try {
      if (t.startsWith("pt")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()) * 60);
      }
      if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      }
      return Duration.ofMillis(Long.parseLong(t));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (expected 15s, 500ms, 2m or milliseconds)", e);
    }
  }
}
