package dev.sentry4j.spi.config;

import dev.sentry4j.options.SentryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads options from, in increasing precedence, {@code sentry.properties} (on the classpath, or the
 * file named by {@code SENTRY_PROPERTIES_FILE} / {@code sentry.properties.file}), the environment
 * ({@code SENTRY_SAMPLE_RATE}) and system properties ({@code sentry.sample-rate} or
 * {@code sentry.sampleRate}). Code applied afterwards wins over all of them. Thread-safe.
 */
public final class OptionSources {
  private final Function<String, String> env;
  private final Properties systemProperties;
  private final ClassLoader classLoader;

  /**
   * Creates a source reader.
   *
   * @param env looks up environment variables
   * @param systemProperties the system properties
   * @param classLoader where to find {@code sentry.properties}
   */
  public OptionSources(
      Function<String, String> env, Properties systemProperties, ClassLoader classLoader) {
    this.env = env;
    this.systemProperties = systemProperties;
    this.classLoader = classLoader;
  }

  /** A builder filled from {@code sentry.properties}, the environment and system properties. */
  public static SentryOptions.Builder fromEnvironment() {
    SentryOptions.Builder builder = SentryOptions.builder();
    system().applyTo(builder);
    return builder;
  }

  /** The real process environment, system properties and context class loader. */
  public static OptionSources system() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return new OptionSources(
        System::getenv, System.getProperties(), cl != null ? cl : OptionSources.class.getClassLoader());
  }

  /**
   * Applies every source to {@code builder}.
   *
   * @throws IllegalArgumentException naming the source, the option and the bad value
   */
  public void applyTo(SentryOptions.Builder builder) {
    Properties file = readPropertiesFile();
    for (String key : file.stringPropertyNames()) {
      OptionSpec spec = OptionRegistry.find(key);
      if (spec != null) {
        spec.apply(builder, file.getProperty(key), "sentry.properties key " + key);
      }
    }
    for (OptionSpec spec : OptionRegistry.all()) {
      String value = env.apply(spec.envVar());
      if (value != null) {
        spec.apply(builder, value, "environment variable " + spec.envVar());
      }
    }
    for (Map.Entry<Object, Object> e : systemProperties.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.startsWith("sentry.") && !key.equals("sentry.properties.file")) {
        OptionSpec spec = OptionRegistry.find(key.substring("sentry.".length()));
        if (spec != null) {
          spec.apply(builder, String.valueOf(e.getValue()), "system property " + key);
        }
      }
    }
  }

  private Properties readPropertiesFile() {
    Properties props = new Properties();
    String explicit = systemProperties.getProperty("sentry.properties.file");
    if (explicit == null) {
      explicit = env.apply("SENTRY_PROPERTIES_FILE");
    }
    try {
      if (explicit != null) {
        Path path = Paths.get(explicit);
        try (InputStream in = Files.newInputStream(path)) {
          props.load(in);
        }
        return props;
      }
      try (InputStream in = classLoader.getResourceAsStream("sentry.properties")) {
        if (in != null) {
          props.load(in);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read sentry.properties file '" + explicit + "'", e);
    }
    return props;
  }
}
