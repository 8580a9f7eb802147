package dev.sentry4j.mdc;

import dev.sentry4j.spi.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * This module's settings, read like sentry-core's options, in increasing precedence: key {@code
 * mdc.<name>} in {@code sentry.properties} (on the classpath, or the file named by {@code
 * sentry.properties.file} / {@code SENTRY_PROPERTIES_FILE}), environment variable {@code
 * SENTRY_MDC_<NAME>}, system property {@code sentry.mdc.<name>} (kebab-case or camelCase). Immutable.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>enabled</td><td>true</td><td>false: the module does nothing at all</td></tr>
 *   <tr><td>trace-id-key</td><td>trace_id</td><td>MDC key of the trace id; empty: not written</td></tr>
 *   <tr><td>span-id-key</td><td>span_id</td><td>MDC key of the span id; empty: not written</td></tr>
 *   <tr><td>trace-sampled-key</td><td>trace_sampled</td><td>MDC key of true/false; empty: not written</td></tr>
 *   <tr><td>propagation-ids</td><td>true</td><td>outside spans, the keys hold the propagation context's
 *       ids (true) or nothing (false)</td></tr>
 *   <tr><td>tags</td><td>(none)</td><td>comma-separated MDC keys copied as tags into events</td></tr>
 * </table>
 */
final class MdcSettings {
  static final String DEFAULT_TRACE_ID_KEY = "trace_id";
  static final String DEFAULT_SPAN_ID_KEY = "span_id";
  static final String DEFAULT_TRACE_SAMPLED_KEY = "trace_sampled";

  static final String ENABLED = "enabled";
  static final String TRACE_ID_KEY = "trace-id-key";
  static final String SPAN_ID_KEY = "span-id-key";
  static final String TRACE_SAMPLED_KEY = "trace-sampled-key";
  static final String PROPAGATION_IDS = "propagation-ids";
  static final String TAGS = "tags";
  private static final List<String> NAMES =
      List.of(ENABLED, TRACE_ID_KEY, SPAN_ID_KEY, TRACE_SAMPLED_KEY, PROPAGATION_IDS, TAGS);

  final boolean enabled;
  /** {@code null} when not written. */
  final String traceIdKey;
  /** {@code null} when not written. */
  final String spanIdKey;
  /** {@code null} when not written. */
  final String traceSampledKey;
  final boolean propagationIds;
  final List<String> tagKeys;

  /**
   * @param values setting name to a value and the source it came from, {@code [value, source]}
   * @throws IllegalArgumentException naming the source and the bad value
   */
  private MdcSettings(Map<String, String[]> values) {
    enabled = bool(values, ENABLED, true);
    traceIdKey = key(values, TRACE_ID_KEY, DEFAULT_TRACE_ID_KEY);
    spanIdKey = key(values, SPAN_ID_KEY, DEFAULT_SPAN_ID_KEY);
    traceSampledKey = key(values, TRACE_SAMPLED_KEY, DEFAULT_TRACE_SAMPLED_KEY);
    propagationIds = bool(values, PROPAGATION_IDS, true);
    tagKeys = list(values, TAGS);
    String[] names = {TRACE_ID_KEY, SPAN_ID_KEY, TRACE_SAMPLED_KEY};
    String[] keys = {traceIdKey, spanIdKey, traceSampledKey};
    for (int i = 0; i < keys.length; i++) {
      for (int j = i + 1; j < keys.length; j++) {
        if (keys[i] != null && keys[i].equals(keys[j])) {
          String configured = values.containsKey(names[j]) ? names[j] : names[i];
          throw new IllegalArgumentException(
              "sentry-slf4j-mdc: "
                  + values.get(configured)[1]
                  + " = '"
                  + keys[i]
                  + "' is the MDC key of another id as well");
        }
      }
    }
  }

  /** The settings of this process: {@code sentry.properties}, environment, system properties. */
  static MdcSettings fromEnvironment() {
    ClassLoader cl = null;
    try {
      cl = Thread.currentThread().getContextClassLoader();
    } catch (RuntimeException e) { // SecurityException
      Diagnostics.debug("No context class loader for sentry.properties: " + e);
    }
    Properties system;
    try {
      system = System.getProperties();
    } catch (RuntimeException e) { // SecurityException
      system = new Properties();
    }
    return read(
        MdcSettings::getenv,
        system,
        readPropertiesFile(system, cl != null ? cl : MdcSettings.class.getClassLoader()));
  }

  /**
   * Reads the settings from the given sources.
   *
   * @param env environment variable lookup
   * @param systemProperties system properties
   * @param file the {@code sentry.properties} contents
   * @throws IllegalArgumentException naming the source and the bad value
   */
  static MdcSettings read(
      Function<String, String> env, Properties systemProperties, Properties file) {
    Map<String, String> byNormalized = new HashMap<>();
    for (String name : NAMES) {
      byNormalized.put(normalize("mdc." + name), name);
    }
    Map<String, String[]> values = new HashMap<>();
    for (String key : file.stringPropertyNames()) {
      String name = byNormalized.get(normalize(key));
      if (name != null) {
        values.put(name, new String[] {file.getProperty(key), "sentry.properties key " + key});
      }
    }
    for (String name : NAMES) {
      String var = "SENTRY_MDC_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
      String value = env.apply(var);
      if (value != null) {
        values.put(name, new String[] {value, "environment variable " + var});
      }
    }
    for (String key : systemProperties.stringPropertyNames()) {
      if (key.startsWith("sentry.")) {
        String name = byNormalized.get(normalize(key.substring("sentry.".length())));
        if (name != null) {
          values.put(name, new String[] {systemProperties.getProperty(key), "system property " + key});
        }
      }
    }
    return new MdcSettings(values);
  }

  private static String normalize(String name) {
    return name.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
  }

  private static boolean bool(Map<String, String[]> values, String name, boolean fallback) {
    String[] v = values.get(name);
    if (v == null) {
      return fallback;
    }
    String text = v[0].trim();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        "sentry-slf4j-mdc: " + v[1] + " = '" + v[0] + "' is neither true nor false");
  }

  private static String key(Map<String, String[]> values, String name, String fallback) {
    String[] v = values.get(name);
    if (v == null) {
      return fallback;
    }
    String text = v[0].trim();
    return text.isEmpty() ? null : text;
  }

  private static List<String> list(Map<String, String[]> values, String name) {
    String[] v = values.get(name);
    if (v == null) {
      return Collections.emptyList();
    }
    List<String> items = new ArrayList<>();
    for (String part : v[0].split(",")) {
      String item = part.trim();
      if (!item.isEmpty() && !items.contains(item)) {
        items.add(item);
      }
    }
    return Collections.unmodifiableList(items);
  }

  private static String getenv(String name) {
    try {
      return System.getenv(name);
    } catch (RuntimeException e) { // SecurityException
      return null;
    }
  }

  /** Core reads the same file and reports it when unreadable; here it is then simply skipped. */
  private static Properties readPropertiesFile(Properties system, ClassLoader loader) {
    Properties props = new Properties();
    String explicit = system.getProperty("sentry.properties.file");
    if (explicit == null) {
      explicit = getenv("SENTRY_PROPERTIES_FILE");
    }
    try {
      if (explicit != null) {
        try (InputStream in = Files.newInputStream(Paths.get(explicit))) {
          props.load(in);
        }
      } else if (loader != null) {
        try (InputStream in = loader.getResourceAsStream("sentry.properties")) {
          if (in != null) {
            props.load(in);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      Diagnostics.warn("mdc.properties", "sentry-slf4j-mdc could not read sentry.properties", e);
    }
    return props;
  }
}
