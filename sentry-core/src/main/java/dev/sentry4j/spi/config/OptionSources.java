package dev.sentry4j.spi.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one settings reader: reads, in increasing precedence, {@code sentry.properties} (on the
 * classpath, or the file named by {@code SENTRY_PROPERTIES_FILE} / {@code sentry.properties.file}),
 * the environment ({@code SENTRY_SAMPLE_RATE}) and system properties ({@code sentry.sample-rate} or
 * {@code sentry.sampleRate}), for sentry-core and every integration ({@code mdc.*} settings). Code
 * applied afterwards wins over all of them.
 *
 * <p>Keys are matched ignoring case and {@code - _ .}; sentry-java's spellings ({@code
 * logs.enabled}, {@code servername}, {@code enable-spotlight}, ...) mean the same option here. A
 * key the registry does not know is warned about once per JVM through the SDK's diagnostics, naming
 * the key and the source, with a "did you mean" when a known name is close; a sentry-java option
 * without an equivalent is warned about as such. Values are not parsed here: whoever applies a
 * setting parses it and fails naming the option, the source and the value. Thread-safe.
 */
public final class OptionSources {
  /** The system property naming the properties file. */
  public static final String PROPERTIES_FILE_PROPERTY = "sentry.properties.file";

  /** The environment variable naming the properties file. */
  public static final String PROPERTIES_FILE_ENV = "SENTRY_PROPERTIES_FILE";

  /**
   * {@code SENTRY_*} variables that belong to other Sentry tools (sentry-cli, the build plugins),
   * not to an SDK: never warned about.
   */
  private static final Set<String> FOREIGN_ENV =
      Set.of(
          "SENTRY_AUTH_TOKEN",
          "SENTRY_ORG",
          "SENTRY_PROJECT",
          "SENTRY_URL",
          "SENTRY_LOG_LEVEL",
          "SENTRY_PROPERTIES",
          "SENTRY_LOAD_DOTENV",
          "SENTRY_DOTENV_PATH",
          "SENTRY_NO_PROGRESS_BAR",
          "SENTRY_HTTP_MAX_RETRIES",
          "SENTRY_DISABLE_UPDATE_CHECK",
          "SENTRY_ALLOW_FAILURE",
          "SENTRY_VCS_REMOTE",
          "SENTRY_HEADER",
          "SENTRY_HEADERS",
          "SENTRY_PIPELINE",
          "SENTRY_FORCE_ARTIFACT_BUNDLES",
          "SENTRY_DISABLE_AUTO_UPLOAD",
          "SENTRY_CLI_EXECUTABLE");

  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static volatile Consumer<String> warningSink = line -> {};

  private final Function<String, String> envLookup;
  private final Map<String, String> env;
  private final Properties systemProperties;
  private final ClassLoader classLoader;

  /**
   * Creates a source reader.
   *
   * @param env the environment variables
   * @param systemProperties the system properties
   * @param classLoader where to find {@code sentry.properties}
   */
  public OptionSources(
      Map<String, String> env, Properties systemProperties, ClassLoader classLoader) {
    this.env = env == null ? Map.of() : env;
    this.envLookup = this.env::get;
    this.systemProperties = systemProperties == null ? new Properties() : systemProperties;
    this.classLoader = classLoader;
  }

  /** The real process environment, system properties and context class loader. */
  public static OptionSources system() {
    ClassLoader cl = null;
    try {
      cl = Thread.currentThread().getContextClassLoader();
    } catch (RuntimeException e) { // SecurityException: the class's own loader then
      cl = null;
    }
    Map<String, String> env;
    try {
      env = System.getenv();
    } catch (RuntimeException e) { // SecurityException
      env = Map.of();
    }
    Properties sys;
    try {
      sys = System.getProperties();
    } catch (RuntimeException e) { // SecurityException
      sys = new Properties();
    }
    return new OptionSources(env, sys, cl != null ? cl : OptionSources.class.getClassLoader());
  }

  /**
   * Reads every source once. Unknown keys are warned about (once per JVM, through the SDK's
   * diagnostics: to {@code System.err} when no adapter listens) and listed in {@link
   * Settings#warnings()}.
   *
   * @throws UncheckedIOException when an explicitly named properties file cannot be read
   */
  public Settings read() {
    return read(true);
  }

  /**
   * Reads like {@link #read()} but leaves telling the user about unknown keys to the caller: they
   * are only listed in {@link Settings#warnings()} (an adapter puts them in its framework's status
   * channel), and count as said for later {@link #read()}s.
   *
   * @throws UncheckedIOException when an explicitly named properties file cannot be read
   */
  public Settings readSilently() {
    return read(false);
  }

  private Settings read(boolean tell) {
    List<Settings.Setting> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Properties file = readPropertiesFile();
    for (String key : new TreeMap<>(propertiesMap(file)).keySet()) {
      String value = file.getProperty(key);
      OptionSpec<?> spec = OptionRegistry.lookup(key);
      if (spec != null) {
        entries.add(new Settings.Setting(spec, key, value, "sentry.properties key " + key));
      } else {
        unknown(warnings, tell, "sentry.properties key", key, key, OptionSources::kebab);
      }
    }
    for (String var : new TreeMap<>(env).keySet()) {
      if (!var.startsWith("SENTRY_")
          || var.equals(PROPERTIES_FILE_ENV)
          || FOREIGN_ENV.contains(var)) {
        continue;
      }
      String name = var.substring("SENTRY_".length());
      OptionSpec<?> spec = OptionRegistry.lookup(name);
      if (spec != null) {
        entries.add(new Settings.Setting(spec, var, env.get(var), "environment variable " + var));
      } else {
        unknown(warnings, tell, "environment variable", var, name, OptionSpec::envVar);
      }
    }
    for (String key : new TreeMap<>(propertiesMap(systemProperties)).keySet()) {
      if (!key.startsWith("sentry.") || key.equals(PROPERTIES_FILE_PROPERTY)) {
        continue;
      }
      String name = key.substring("sentry.".length());
      OptionSpec<?> spec = OptionRegistry.lookup(name);
      if (spec != null) {
        entries.add(
            new Settings.Setting(
                spec, key, systemProperties.getProperty(key), "system property " + key));
      } else {
        unknown(warnings, tell, "system property", key, name, OptionSpec::systemProperty);
      }
    }
    return new Settings(entries, warnings);
  }

  private static void unknown(
      List<String> warnings,
      boolean tell,
      String where,
      String key,
      String name,
      Function<OptionSpec<?>, String> spelling) {
    OptionSpec<?> close = OptionRegistry.suggest(name);
    warnUnknown(warnings, tell, where, key, name, close == null ? null : spelling.apply(close));
  }

  /**
   * Warns once per JVM about an unknown key, naming it and its source: a sentry-java option without
   * an equivalent, or a key no setting has, with {@code suggestion} as the "did you mean".
   *
   * @param warnings where the warning text is added as well
   * @param where what the key is ({@code sentry.properties key}, {@code environment variable},
   *     {@code logging.properties key})
   * @param key the key as written
   * @param name the part of the key that names the setting
   * @param suggestion the closest known key in the source's own spelling, or {@code null}
   */
  public static void warnUnknown(
      List<String> warnings, String where, String key, String name, String suggestion) {
    warnUnknown(warnings, true, where, key, name, suggestion);
  }

  private static void warnUnknown(
      List<String> warnings,
      boolean tell,
      String where,
      String key,
      String name,
      String suggestion) {
    String message;
    if (OptionRegistry.isSentryJavaOnly(name)) {
      message =
          where + " " + key + " is a sentry-java option without an equivalent in sentry4j; ignored";
    } else {
      message =
          "Unknown "
              + where
              + " "
              + key
              + " (ignored)"
              + (suggestion == null ? "" : "; did you mean " + suggestion + "?");
    }
    warnings.add(message);
    if (WARNED.add(message) && tell) {
      try {
        warningSink.accept(message);
      } catch (RuntimeException ignored) {
        // a failing sink must not fail configuration
      }
    }
  }

  /**
   * Where the once-per-JVM warnings go: the SDK's diagnostics ({@code Sentry} installs {@code
   * Diagnostics::warn}; this package does not depend on it, to keep the packages free of cycles).
   */
  public static void setWarningSink(Consumer<String> sink) {
    warningSink = sink == null ? line -> {} : sink;
  }

  /** Forgets which unknown keys were warned about (tests). */
  public static void resetWarnings() {
    WARNED.clear();
  }

  private static String kebab(OptionSpec<?> spec) {
    return spec.systemProperty().substring("sentry.".length());
  }

  private static Map<String, String> propertiesMap(Properties props) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String key : props.stringPropertyNames()) {
      out.put(key, props.getProperty(key));
    }
    return Collections.unmodifiableMap(out);
  }

  private Properties readPropertiesFile() {
    Properties props = new Properties();
    String explicit = systemProperties.getProperty(PROPERTIES_FILE_PROPERTY);
    if (explicit == null) {
      explicit = envLookup.apply(PROPERTIES_FILE_ENV);
    }
    try {
      if (explicit != null) {
        try (InputStream in = Files.newInputStream(Paths.get(explicit))) {
          props.load(in);
        }
        return props;
      }
      if (classLoader != null) {
        try (InputStream in = classLoader.getResourceAsStream("sentry.properties")) {
          if (in != null) {
            props.load(in);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read sentry.properties file '" + explicit + "'", e);
    }
    return props;
  }
}
