package dev.sentry4j.jul;

import dev.sentry4j.options.Dsn;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.spi.config.OptionSpec;
import dev.sentry4j.spi.config.TextParser;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Filter;
import java.util.logging.Level;

/**
 * The handler's configuration read from {@code logging.properties} keys {@code
 * dev.sentry4j.jul.SentryHandler.<name>}: every core option by its name (over {@code
 * sentry.properties}, the environment and system properties), the capture thresholds, {@code
 * contextTags}, {@code mdcAsContext}, and JUL's own {@code level} and {@code filter}.
 */
final class HandlerConfig {
  /** The prefix of every key. */
  static final String PREFIX = "dev.sentry4j.jul.SentryHandler.";

  /** The handler's own keys (besides every SDK option), including JUL's standard handler keys. */
  static final List<String> HANDLER_KEYS =
      List.of(
          "minimumEventLevel",
          "minimumBreadcrumbLevel",
          "minimumLevel",
          "contextTags",
          "mdcAsContext",
          "level",
          "filter",
          "formatter",
          "encoding",
          "printfStyle");

  final SentryOptions.Builder options;
  final LogCaptureSettings settings;
  final Level level;
  final Filter filter;
  final boolean printfStyle;

  private HandlerConfig(
      SentryOptions.Builder options,
      LogCaptureSettings settings,
      Level level,
      Filter filter,
      boolean printfStyle) {
    this.printfStyle = printfStyle;
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
    return read(properties, Collections.emptyList());
  }

  /**
   * Reads the configuration and warns (once, through diagnostics) about every key under {@link
   * #PREFIX} in {@code keys} that is neither an SDK option nor one of the handler's own.
   *
   * @param properties the logging configuration ({@code LogManager::getProperty})
   * @param keys the keys of the logging configuration, as far as they are known
   * @throws IllegalArgumentException naming the key and its bad value
   */
  static HandlerConfig read(Function<String, String> properties, Iterable<String> keys) {
    warnUnknownKeys(keys);
    SentryOptions.Builder options = SentryOptions.fromEnvironment();
    for (String key : keys) {
      // sentry-java's spellings (logs.enabled, ...) found in the file; the canonical names follow
      if (key.startsWith(PREFIX)) {
        String name = key.substring(PREFIX.length());
        OptionSpec<?> spec = OptionRegistry.find(name);
        if (spec != null && !spec.name().equals(name)) {
          String value = get(properties, name);
          if (value != null) {
            try {
              options.setOption(name, value);
            } catch (IllegalArgumentException e) {
              throw bad(name, value, e);
            }
          }
        }
      }
    }
    for (OptionSpec<?> spec : OptionRegistry.all()) {
      String value = get(properties, spec.name());
      if (value != null) {
        try {
          options.setOption(spec.name(), value);
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
    value = get(properties, "printfStyle");
    boolean printfStyle = value != null && bool("printfStyle", value);
    return new HandlerConfig(options, settings.build(), level, filter, printfStyle);
  }

  private static void warnUnknownKeys(Iterable<String> keys) {
    Diagnostics.isDebug(); // loads Diagnostics, which receives the settings reader's warnings
    List<String> known = new ArrayList<>(HANDLER_KEYS);
    for (OptionSpec<?> spec : OptionRegistry.all()) {
      known.add(spec.name());
    }
    for (String key : keys) {
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String name = key.substring(PREFIX.length());
      if (HANDLER_KEYS.contains(name) || OptionRegistry.find(name) != null) {
        continue;
      }
      String close = OptionRegistry.closest(name, known);
      OptionSources.warnUnknown(
          new ArrayList<>(),
          "logging.properties key",
          key,
          name,
          close == null ? null : PREFIX + close);
    }
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
            + (name.equals("dsn") ? Dsn.redact(value) : value)
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
    return new LinkedHashSet<>(TextParser.parseList(value));
  }

  private static boolean bool(String name, String value) {
    try {
      return TextParser.parseBoolean(value);
    } catch (IllegalArgumentException e) {
      throw bad(name, value, e);
    }
  }

  /**
   * Instantiates a filter class the way LogManager does: by name, with a public no-arg constructor.
   */
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
