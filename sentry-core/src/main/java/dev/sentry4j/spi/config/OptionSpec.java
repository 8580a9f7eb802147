package dev.sentry4j.spi.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One option: its name in each source, its type, its typed default, its meaning, and the rule its
 * values must follow. The {@code SentryOptions} builder, the README's option tables and every
 * adapter's configuration read these; nothing else restates a default. Immutable.
 *
 * @param <T> the option's value type ({@code Boolean}, {@code Integer}, {@code Duration}, ...)
 */
public final class OptionSpec<T> {
  static final String PREFIX = "Invalid value for option ";

  private final String name;
  private final Type<T> type;
  private final T defaultValue;
  private final String defaultDoc;
  private final String description;
  private final Function<T, String> rule;

  OptionSpec(
      String name,
      Type<T> type,
      T defaultValue,
      String defaultDoc,
      String description,
      Function<T, String> rule) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.defaultDoc = defaultDoc;
    this.description = description;
    this.rule = rule;
  }

  /**
   * The option's name, as in appender properties and {@code sentry.properties}: {@code sampleRate}.
   */
  public String name() {
    return name;
  }

  /** The value type. */
  public Type<T> type() {
    return type;
  }

  /** The environment variable: {@code SENTRY_SAMPLE_RATE}. */
  public String envVar() {
    return "SENTRY_" + words("_").toUpperCase(Locale.ROOT);
  }

  /**
   * The system property: {@code sentry.sample-rate} (camelCase {@code sentry.sampleRate} also
   * works).
   */
  public String systemProperty() {
    return "sentry." + words("-");
  }

  /** The typed default, or {@code null} when there is none (or it is computed at run time). */
  public T defaultValue() {
    return defaultValue;
  }

  /**
   * The default as documented: the typed default in the option grammar ({@code 15s}, {@code 10000},
   * {@code 32MiB}), or what is used when there is none ({@code host name}); {@code ""} for none.
   */
  public String defaultText() {
    if (defaultDoc != null) {
      return defaultDoc;
    }
    return defaultValue == null ? "" : type.format(defaultValue);
  }

  /** What the option does. */
  public String description() {
    return description;
  }

  /**
   * Parses and checks {@code text}.
   *
   * @throws IllegalArgumentException "Invalid value for option NAME: 'TEXT' (REASON)"
   */
  public T parse(String text) {
    T value;
    try {
      value = type.parse(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREFIX + name + ": " + e.getMessage(), e);
    }
    return check(value, text);
  }

  /**
   * Checks a value set in code.
   *
   * @throws IllegalArgumentException "Invalid value for option NAME: 'VALUE' (REASON)"
   */
  public T check(T value) {
    return check(value, value == null ? "null" : type.format(value));
  }

  private T check(T value, String shown) {
    String problem = value == null || rule == null ? null : rule.apply(value);
    if (problem != null) {
      throw invalid(shown, problem, null);
    }
    return value;
  }

  private IllegalArgumentException invalid(String text, String reason, Throwable cause) {
    return new IllegalArgumentException(
        PREFIX + name + ": '" + shown(text) + "' (" + reason + ")", cause);
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * The value as a message may show it: never a DSN (it holds the key; Dsn's own messages show it
   * redacted).
   */
  private String shown(String value) {
    return name.equals("dsn") ? "***" : value;
  }

  private String words(String separator) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append(separator).append(Character.toLowerCase(c));
      } else if (c == '.') {
        out.append(separator);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * An option's value type: how its text is parsed (with {@link TextParser}) and how a value is
   * written back in the same grammar. Immutable.
   *
   * @param <T> the Java type
   */
  public static final class Type<T> {
    /** {@code true/false/yes/no/on/off/1/0}. */
    public static final Type<Boolean> BOOLEAN =
        new Type<>("boolean", TextParser::parseBoolean, String::valueOf);

    /** A whole number. */
    public static final Type<Integer> INT =
        new Type<>("integer", TextParser::parseInt, String::valueOf);

    /** A decimal number. */
    public static final Type<Double> DOUBLE =
        new Type<>("number", TextParser::parseDouble, String::valueOf);

    /** A size in bytes ({@code 32MiB}). */
    public static final Type<Long> SIZE =
        new Type<>("size", TextParser::parseSize, Type::formatSize);

    /** A duration ({@code 15s}). */
    public static final Type<Duration> DURATION =
        new Type<>("duration", TextParser::parseDuration, Type::formatDuration);

    /** Text, trimmed; empty means unset. */
    public static final Type<String> TEXT =
        new Type<>("text", t -> t.trim().isEmpty() ? null : t.trim(), t -> t);

    /**
     * Text, trimmed, where empty means "none" rather than unset: an MDC key that is not written.
     */
    public static final Type<String> KEY = new Type<>("key", String::trim, t -> t);

    /** A comma-separated list. */
    public static final Type<List<String>> LIST =
        new Type<>("list", TextParser::parseList, l -> String.join(",", l));

    /** {@code key=value,key=value}. */
    public static final Type<Map<String, String>> MAP =
        new Type<>("map", TextParser::parseMap, Type::formatMap);

    private final String name;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private Type(String name, Function<String, T> parser, Function<T, String> formatter) {
      this.name = name;
      this.parser = parser;
      this.formatter = formatter;
    }

    /** The type's name in messages and docs: {@code boolean}, {@code duration}, ... */
    public String name() {
      return name;
    }

    /**
     * Parses text.
     *
     * @throws IllegalArgumentException quoting the text
     */
    public T parse(String text) {
      return parser.apply(text);
    }

    /** Writes a value in the grammar {@link #parse} reads. */
    public String format(T value) {
      return formatter.apply(value);
    }

    @Override
    public String toString() {
      return name;
    }

    private static String formatSize(Long bytes) {
      long b = bytes;
      if (b > 0 && b % (1L << 30) == 0) {
        return (b >> 30) + "GiB";
      }
      if (b > 0 && b % (1L << 20) == 0) {
        return (b >> 20) + "MiB";
      }
      if (b > 0 && b % (1L << 10) == 0) {
        return (b >> 10) + "KiB";
      }
      return String.valueOf(b);
    }

    private static String formatDuration(Duration d) {
      long ms = d.toMillis();
      if (ms % 60_000 == 0 && ms > 0) {
        return (ms / 60_000) + "m";
      }
      if (ms % 1000 == 0) {
        return (ms / 1000) + "s";
      }
      return ms + "ms";
    }

    private static String formatMap(Map<String, String> map) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, String> e : map.entrySet()) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(e.getKey()).append('=').append(e.getValue());
      }
      return sb.toString();
    }
  }
}
