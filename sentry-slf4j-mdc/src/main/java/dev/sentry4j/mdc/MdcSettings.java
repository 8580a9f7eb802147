package dev.sentry4j.mdc;

import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.spi.config.Settings;
import dev.sentry4j.spi.logging.TraceKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This module's settings, read by sentry-core's one settings reader ({@link OptionSources}), in
 * increasing precedence: key {@code mdc.<name>} in {@code sentry.properties}, environment variable
 * {@code SENTRY_MDC_<NAME>}, system property {@code sentry.mdc.<name>} (kebab-case or camelCase).
 * The names, defaults and meanings are declared in {@link OptionRegistry#integrationSettings()};
 * the trace keys are the one setting {@link TraceKeys} that the appenders read too. Immutable.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>enabled</td><td>true</td><td>false: the module does nothing at all</td></tr>
 *   <tr><td>trace-id-key</td><td>trace_id</td><td>MDC key of the trace id; empty: not written</td></tr>
 *   <tr><td>span-id-key</td><td>span_id</td><td>MDC key of the span id; empty: not written</td></tr>
 *   <tr><td>trace-sampled-key</td><td>trace_sampled</td><td>MDC key of true/false; empty: not written</td></tr>
 *   <tr><td>propagation-ids</td><td>false</td><td>outside spans, the keys hold the propagation
 *       context's ids (true) or nothing (false)</td></tr>
 *   <tr><td>tags</td><td>(none)</td><td>comma-separated MDC keys copied as tags into events</td></tr>
 * </table>
 */
final class MdcSettings {
  final boolean enabled;

  /** {@code null} when not written. */
  final String traceIdKey;

  /** {@code null} when not written. */
  final String spanIdKey;

  /** {@code null} when not written. */
  final String traceSampledKey;

  final boolean propagationIds;
  final List<String> tagKeys;

  private MdcSettings(Settings settings) {
    enabled = value(settings, OptionRegistry.MDC_ENABLED);
    TraceKeys keys;
    try {
      keys = TraceKeys.from(settings);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sentry-slf4j-mdc: " + e.getMessage(), e);
    }
    traceIdKey = keys.traceIdKey();
    spanIdKey = keys.spanIdKey();
    traceSampledKey = keys.traceSampledKey();
    propagationIds = value(settings, OptionRegistry.MDC_PROPAGATION_IDS);
    List<String> tags = new ArrayList<>();
    for (String t : value(settings, OptionRegistry.MDC_TAGS)) {
      if (!tags.contains(t)) {
        tags.add(t);
      }
    }
    tagKeys = Collections.unmodifiableList(tags);
  }

  /** The settings of this process: {@code sentry.properties}, environment, system properties. */
  static MdcSettings fromEnvironment() {
    return from(OptionSources.system().read());
  }

  /**
   * The settings in what the reader found.
   *
   * @throws IllegalArgumentException naming the source and the bad value
   */
  static MdcSettings from(Settings settings) {
    return new MdcSettings(settings);
  }

  private static <T> T value(Settings settings, dev.sentry4j.spi.config.OptionSpec<T> spec) {
    try {
      return settings.value(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sentry-slf4j-mdc: " + e.getMessage(), e);
    }
  }
}
