package dev.sentry4j.jul;

import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSpec;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Filter;
import java.util.logging.Level;

/**
 * The handler's configuration read from {@code logging.properties} keys
 * {@code dev.sentry4j.jul.SentryHandler.<name>}: every core option by its name (over
 * {@code sentry.properties}, the environment and system properties), the capture thresholds,
 * {@code contextTags}, {@code mdcAsContext}, and JUL's own {@code level} and {@code filter}.
 */
final class HandlerConfig {
  /** The prefix of every key. */
  static final String PREFIX = "dev.sentry4j.jul.SentryHandler.";

  final SentryOptions.Builder options;
  final LogCaptureSettings settings;
  final Level level;
  final Filter filter;

  private HandlerConfig(
      SentryOptions.Builder options, LogCaptureSettings settings, Level level, Filter filter) {
    this.options = options;
    this.settings = settings;
    this.level = level;
    this.filter = filter;
  }

  /**
   * Reads the configuration.
   *
   * @param properties the logging configuration ({@code LogManager::getProperty})
   * @throws IllegalArgumentException naming the key and its bad value
   */
  static HandlerConfig read(Function<String, String> properties) {
    SentryOptions.Builder options = OptionSources.fromEnvironment();
    for (OptionSpec spec : OptionRegistry.all()) {
      String value = get(properties, spec.name());
      if (value != null) {
        try {
          OptionRegistry.apply(options, spec.name(), value);
        } catch (IllegalArgumentException e) {
          throw bad(spec.name(), value, e);
        }
      }
    }
    LogCaptureSettings.Builder settings = LogCaptureSettings.builder("jul");
    String value = get(properties, "minimumEventLevel");
    if (value != null) {
      settings.minimumEventLevel(threshold("minimumEventLevel", value));
    }
    value = get(properties, "minimumBreadcrumbLevel");
    if (value != null) {
      settings.minimumBreadcrumbLevel(threshold("minimumBreadcrumbLevel", value));
    }
    value = get(properties, "minimumLevel");
    if (value != null) {
      settings.minimumLevel(threshold("minimumLevel", value));
    }
    value = get(properties, "contextTags");
    if (value != null) {
      settings.contextTags(commaSeparated(value));
    }
    value = get(properties, "mdcAsContext");
    if (value != null) {
      settings.mdcAsContext(bool("mdcAsContext", value));
    }
    Level level = Level.ALL;
    value = get(properties, "level");
    if (value != null) {
      try {
        level = JulLevels.parseHandlerLevel(value);
      } catch (IllegalArgumentException e) {
        throw bad("level", value, e);
      }
    }
    value = get(properties, "filter");
    Filter filter = value == null || value.isEmpty() ? null : filter(value);
    return new HandlerConfig(options, settings.build(), level, filter);
  }

  private static String get(Function<String, String> properties, String name) {
    String value = properties.apply(PREFIX + name);
    return value == null ? null : value.trim();
  }

  private static IllegalArgumentException bad(String name, String value, Exception cause) {
    return new IllegalArgumentException(
        "Bad value in the logging configuration: "
            + PREFIX
            + name
            + "="
            + value
            + " ("
            + cause.getMessage()
            + ")",
        cause);
  }

  private static dev.sentry4j.logs.LogLevel threshold(String name, String value) {
    try {
      return JulLevels.parseThreshold(value);
    } catch (IllegalArgumentException e) {
      throw bad(name, value, e);
    }
  }

  private static Set<String> commaSeparated(String value) {
    Set<String> out = new LinkedHashSet<>();
    for (String part : Arrays.asList(value.split(","))) {
      if (!part.trim().isEmpty()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private static boolean bool(String name, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
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
        throw bad(name, value, new IllegalArgumentException("expected true or false"));
    }
  }

  /** Instantiates a filter class the way LogManager does: by name, with a public no-arg constructor. */
  private static Filter filter(String className) {
    Exception failure = null;
    for (ClassLoader loader : loaders()) {
      try {
        Class<?> type = Class.forName(className, true, loader);
        return (Filter) type.getDeclaredConstructor().newInstance();
      } catch (ClassNotFoundException e) {
        failure = e;
      } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
        throw bad("filter", className, new IllegalArgumentException(e.toString(), e));
      }
    }
    throw bad("filter", className, new IllegalArgumentException("class not found", failure));
  }

  private static ClassLoader[] loaders() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader system = ClassLoader.getSystemClassLoader();
    ClassLoader own = HandlerConfig.class.getClassLoader();
    return context == null
        ? new ClassLoader[] {system, own}
        : new ClassLoader[] {system, context, own};
  }
}
