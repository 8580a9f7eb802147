package dev.sentry4j.spi.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the {@link OptionSources settings reader} found: every known setting with its text and the
 * source it came from, in increasing precedence, plus the warnings about keys it did not know.
 * Immutable.
 */
public final class Settings {
  private static final Settings EMPTY = new Settings(List.of(), List.of());

  private final List<Setting> entries;
  private final List<String> warnings;

  Settings(List<Setting> entries, List<String> warnings) {
    this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
  }

  /** No settings. */
  public static Settings empty() {
    return EMPTY;
  }

  /** Every known setting found, in increasing precedence (later entries win). */
  public List<Setting> all() {
    return entries;
  }

  /** The winning entry for {@code spec}, or {@code null} when no source sets it. */
  public Setting get(OptionSpec<?> spec) {
    Setting found = null;
    for (Setting s : entries) {
      if (s.spec() == spec) {
        found = s;
      }
    }
    return found;
  }

  /**
   * The winning value of {@code spec}, parsed; its default when no source sets it.
   *
   * @throws IllegalArgumentException naming the option, the source and the text
   */
  public <T> T value(OptionSpec<T> spec) {
    Setting s = get(spec);
    return s == null ? spec.defaultValue() : s.parse(spec);
  }

  /** The warnings about unknown keys and sentry-java options without an equivalent. */
  public List<String> warnings() {
    return warnings;
  }

  /** One setting: which option, the key as written, its text and where it came from. Immutable. */
  public static final class Setting {
    private final OptionSpec<?> spec;
    private final String key;
    private final String value;
    private final String source;

    /**
     * A setting.
     *
     * @param spec the option or integration setting
     * @param key the key as written in its source ({@code sample-rate}, {@code SENTRY_SAMPLE_RATE})
     * @param value the text
     * @param source where it came from, for messages ({@code sentry.properties key sample-rate})
     */
    public Setting(OptionSpec<?> spec, String key, String value, String source) {
      this.spec = spec;
      this.key = key;
      this.value = value == null ? "" : value;
      this.source = source;
    }

    /** The option or integration setting. */
    public OptionSpec<?> spec() {
      return spec;
    }

    /** The key as written in its source. */
    public String key() {
      return key;
    }

    /** The text as written. */
    public String value() {
      return value;
    }

    /** Where it came from: {@code sentry.properties key dns}, {@code environment variable ...}. */
    public String source() {
      return source;
    }

    /**
     * The text parsed as {@code spec}'s type.
     *
     * @throws IllegalArgumentException naming the option, the source and the text (a DSN's secret
     *     masked)
     */
    public <T> T parse(OptionSpec<T> spec) {
      try {
        return spec.parse(value);
      } catch (IllegalArgumentException e) {
        throw invalid(e);
      }
    }

    /**
     * The exception for a bad value of this setting: names the source, option and (masked) text.
     */
    public IllegalArgumentException invalid(IllegalArgumentException cause) {
      String detail = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      String own = OptionSpec.PREFIX + spec.name() + ": ";
      if (detail.startsWith(own)) {
        detail = detail.substring(own.length());
      }
      return new IllegalArgumentException(
          "Invalid value for " + source + " (option " + spec.name() + "): " + Masking.mask(detail),
          cause);
    }

    @Override
    public String toString() {
      return source + "=" + (spec == OptionRegistry.DSN ? Masking.mask(value) : value);
    }
  }
}
