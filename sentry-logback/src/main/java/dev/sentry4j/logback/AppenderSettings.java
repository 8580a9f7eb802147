package dev.sentry4j.logback;

import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.Dsn;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.config.TextParser;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The property texts read from logback.xml, kept as written until {@code start()}, then turned into
 * SDK options and capture settings — so that every bad value is reported with the element that held
 * it and the text the user wrote. Not thread-safe: Joran configures on one thread.
 */
final class AppenderSettings {
  static final String MINIMUM_EVENT_LEVEL = "minimumEventLevel";
  static final String MINIMUM_BREADCRUMB_LEVEL = "minimumBreadcrumbLevel";
  static final String MINIMUM_LEVEL = "minimumLevel";
  static final String CONTEXT_TAGS = "contextTags";
  static final String MDC_AS_CONTEXT = "mdcAsContext";

  private static final Set<String> ADAPTER_ONLY =
      Set.of(
          MINIMUM_EVENT_LEVEL,
          MINIMUM_BREADCRUMB_LEVEL,
          MINIMUM_LEVEL,
          CONTEXT_TAGS,
          MDC_AS_CONTEXT);

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> elements = new HashMap<>();

  /** Records {@code text} for option {@code name}, replacing an earlier value. */
  void set(String element, String name, String text) {
    values.remove(name);
    values.put(name, text == null ? "" : text);
    elements.put(name, element);
  }

  /** Adds {@code text} to the comma-separated list option {@code name}. */
  void append(String element, String name, String text) {
    String old = values.get(name);
    String item = text == null ? "" : text.trim();
    set(element, name, old == null || old.trim().isEmpty() ? item : old + "," + item);
  }

  /** These settings, then {@code later}'s on top. */
  AppenderSettings then(AppenderSettings later) {
    AppenderSettings merged = new AppenderSettings();
    merged.values.putAll(values);
    merged.elements.putAll(elements);
    for (Map.Entry<String, String> e : later.values.entrySet()) {
      merged.set(later.elements.get(e.getKey()), e.getKey(), e.getValue());
    }
    return merged;
  }

  /** The text recorded for {@code name}, or {@code null}. */
  String get(String name) {
    return values.get(name);
  }

  /**
   * Applies the SDK options to {@code builder}.
   *
   * @throws IllegalArgumentException naming the element and the text of the first bad value
   */
  void applyTo(SentryOptions.Builder builder) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (ADAPTER_ONLY.contains(e.getKey())) {
        continue;
      }
      try {
        builder.setOption(e.getKey(), e.getValue());
      } catch (IllegalArgumentException ex) {
        throw bad(e.getKey(), ex);
      }
    }
  }

  /**
   * The capture settings.
   *
   * @throws IllegalArgumentException naming the element and the text of a bad value
   */
  LogCaptureSettings captureSettings() {
    LogCaptureSettings.Builder b = LogCaptureSettings.builder("logback");
    b.minimumEventLevel(level(MINIMUM_EVENT_LEVEL));
    b.minimumBreadcrumbLevel(level(MINIMUM_BREADCRUMB_LEVEL));
    b.minimumLevel(level(MINIMUM_LEVEL));
    String tags = values.get(CONTEXT_TAGS);
    if (tags != null) {
      b.contextTags(new LinkedHashSet<>(TextParser.parseList(tags)));
    }
    b.mdcAsContext(bool(MDC_AS_CONTEXT, false));
    return b.build();
  }

  private LogLevel level(String name) {
    String text = values.get(name);
    if (text == null) {
      return null;
    }
    try {
      return LogLevel.parse(text);
    } catch (IllegalArgumentException e) {
      throw bad(name, e);
    }
  }

  private boolean bool(String name, boolean defaultValue) {
    String text = values.get(name);
    if (text == null) {
      return defaultValue;
    }
    try {
      return TextParser.parseBoolean(text);
    } catch (IllegalArgumentException e) {
      throw bad(name, e);
    }
  }

  private IllegalArgumentException bad(String name, IllegalArgumentException cause) {
    String element = elements.getOrDefault(name, name);
    return new IllegalArgumentException(
        "invalid value '" + shown(name) + "' for <" + element + ">: " + cause.getMessage(), cause);
  }

  /** A value as a status line may show it: a DSN without its key and secret. */
  private String shown(String name) {
    String value = values.get(name);
    return name.equals("dsn") ? Dsn.redact(value) : value;
  }
}
