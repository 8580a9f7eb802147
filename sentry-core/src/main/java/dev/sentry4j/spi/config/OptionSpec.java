package dev.sentry4j.spi.config;

import dev.sentry4j.options.SentryOptions;
import java.util.Locale;
import java.util.function.BiConsumer;

/** One option that can be set from text: names in each source, default, meaning. Immutable. */
public final class OptionSpec {
  private final String name;
  private final String defaultValue;
  private final String description;
  private final BiConsumer<SentryOptions.Builder, String> parser;

  OptionSpec(
      String name,
      String defaultValue,
      String description,
      BiConsumer<SentryOptions.Builder, String> parser) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.description = description;
    this.parser = parser;
  }

  /** The option's name, as in appender properties and {@code sentry.properties}: {@code sampleRate}. */
  public String name() {
    return name;
  }

  /** The environment variable: {@code SENTRY_SAMPLE_RATE}. */
  public String envVar() {
    return "SENTRY_" + words("_").toUpperCase(Locale.ROOT);
  }

  /** The system property: {@code sentry.sample-rate} (camelCase {@code sentry.sampleRate} also works). */
  public String systemProperty() {
    return "sentry." + words("-");
  }

  /** The default, as text ({@code ""} for none). */
  public String defaultValue() {
    return defaultValue;
  }

  /** What the option does. */
  public String description() {
    return description;
  }

  void apply(SentryOptions.Builder builder, String value, String source) {
    try {
      parser.accept(builder, value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      String detail = e.getMessage();
      if (detail != null && detail.startsWith("Invalid value for option")) {
        throw new IllegalArgumentException(detail + " from " + source, e);
      }
      throw new IllegalArgumentException(
          "Invalid value for " + source + ": '" + value + "' (" + detail + ")", e);
    }
  }

  private String words(String separator) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append(separator).append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
