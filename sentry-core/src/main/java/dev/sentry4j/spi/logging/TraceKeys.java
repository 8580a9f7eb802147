package dev.sentry4j.spi.logging;

import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.spi.config.Settings;

/**
 * The one setting for the MDC / ThreadContext keys that carry the active trace: {@code
 * mdc.traceIdKey} (default {@code trace_id}), {@code mdc.spanIdKey} ({@code span_id}) and {@code
 * mdc.traceSampledKey} ({@code trace_sampled}), read by {@link OptionSources} from {@code
 * sentry.properties}, {@code SENTRY_MDC_*} and {@code -Dsentry.mdc.*} (the earlier {@code
 * sentry.log4j2.traceIdKey}/{@code spanIdKey} properties still work). sentry-slf4j-mdc and
 * sentry-log4j2 write these keys; the appenders read them back and keep them out of tags and
 * extras. An empty value means the key is not written ({@code null} here). Immutable.
 */
public final class TraceKeys {
  /** The keys of the defaults: {@code trace_id}, {@code span_id}, {@code trace_sampled}. */
  public static final TraceKeys DEFAULTS =
      new TraceKeys(
          OptionRegistry.MDC_TRACE_ID_KEY.defaultValue(),
          OptionRegistry.MDC_SPAN_ID_KEY.defaultValue(),
          OptionRegistry.MDC_TRACE_SAMPLED_KEY.defaultValue());

  private final String traceIdKey;
  private final String spanIdKey;
  private final String traceSampledKey;

  /**
   * Keys as given; empty or {@code null} means not written.
   *
   * @param traceIdKey key of the trace id
   * @param spanIdKey key of the span id
   * @param traceSampledKey key of the sampling decision
   */
  public TraceKeys(String traceIdKey, String spanIdKey, String traceSampledKey) {
    this.traceIdKey = emptyToNull(traceIdKey);
    this.spanIdKey = emptyToNull(spanIdKey);
    this.traceSampledKey = emptyToNull(traceSampledKey);
  }

  /** The keys this process is configured with (read once, on first use). */
  public static TraceKeys configured() {
    return Holder.CONFIGURED;
  }

  /**
   * The keys in {@code settings}.
   *
   * @throws IllegalArgumentException naming the source when two ids share one key
   */
  public static TraceKeys from(Settings settings) {
    TraceKeys keys =
        new TraceKeys(
            settings.value(OptionRegistry.MDC_TRACE_ID_KEY),
            settings.value(OptionRegistry.MDC_SPAN_ID_KEY),
            settings.value(OptionRegistry.MDC_TRACE_SAMPLED_KEY));
    String[] names = {keys.traceIdKey, keys.spanIdKey, keys.traceSampledKey};
    for (int i = 0; i < names.length; i++) {
      for (int j = i + 1; j < names.length; j++) {
        if (names[i] != null && names[i].equals(names[j])) {
          Settings.Setting s = settings.get(OptionRegistry.MDC_SPAN_ID_KEY);
          if (s == null || j == 2) {
            s = settings.get(OptionRegistry.MDC_TRACE_SAMPLED_KEY);
          }
          if (s == null) {
            s = settings.get(OptionRegistry.MDC_TRACE_ID_KEY);
          }
          String where = s == null ? "mdc settings" : s.source();
          throw new IllegalArgumentException(
              where + " = '" + names[i] + "' is the MDC key of another id as well");
        }
      }
    }
    return keys;
  }

  /** The key of the trace id, or {@code null} when not written. */
  public String traceIdKey() {
    return traceIdKey;
  }

  /** The key of the span id, or {@code null} when not written. */
  public String spanIdKey() {
    return spanIdKey;
  }

  /** The key of the sampling decision, or {@code null} when not written. */
  public String traceSampledKey() {
    return traceSampledKey;
  }

  /** Whether {@code key} is one of these keys (so not user data). */
  public boolean isTraceKey(String key) {
    return key != null
        && (key.equals(traceIdKey) || key.equals(spanIdKey) || key.equals(traceSampledKey));
  }

  private static String emptyToNull(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }

  private static final class Holder {
    static final TraceKeys CONFIGURED = read();

    private static TraceKeys read() {
      try {
        return from(OptionSources.system().read());
      } catch (RuntimeException e) {
        Diagnostics.warn("mdc.keys", "Using the default MDC trace keys", e);
        return DEFAULTS;
      }
    }
  }
}
