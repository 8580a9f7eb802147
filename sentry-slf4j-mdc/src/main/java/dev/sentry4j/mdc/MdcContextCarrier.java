package dev.sentry4j.mdc;

import dev.sentry4j.spi.ContextCarrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries the SLF4J MDC along with the scopes when {@link dev.sentry4j.SentryContext} moves work to
 * another thread: the task sees a copy of the submitting thread's MDC, and the worker's own MDC
 * comes back when the task ends, so pooled threads never keep a task's entries. The trace keys
 * ({@code trace_id}, {@code span_id}, {@code trace_sampled}) are not copied but left to {@link
 * MdcTraceListener}, so that they always show the task's own trace and span. Found by sentry-core
 * with {@link java.util.ServiceLoader}; use {@code SentryContext.wrap(...)}:
 *
 * <pre>{@code
 * ExecutorService pool = SentryContext.wrap(Executors.newFixedThreadPool(4));
 * MDC.put("tenant", "acme");
 * pool.submit(() -> log.info("priced"));   // tenant=acme, trace_id of the submitter's span
 * }</pre>
 *
 * <p>With {@code sentry.mdc.enabled=false} it carries nothing. Thread-safe: it reads and writes
 * only the calling thread's MDC, and a snapshot is a private copy.
 */
public final class MdcContextCarrier implements ContextCarrier {
  private static final Restorer NOTHING = () -> {};

  private final boolean enabled;

  /** The trace keys in use (none null), left as they are when a map is installed. */
  private final String[] traceKeys;

  /**
   * Reads the settings from {@code sentry.properties}, the environment and system properties.
   *
   * @throws IllegalArgumentException naming a bad setting (sentry-core then skips this carrier and
   *     says so in its diagnostics)
   */
  public MdcContextCarrier() {
    this(MdcSettings.fromEnvironment());
  }

  MdcContextCarrier(MdcSettings settings) {
    this.enabled = settings.enabled;
    List<String> keys = new ArrayList<>(3);
    for (String key :
        new String[] {settings.traceIdKey, settings.spanIdKey, settings.traceSampledKey}) {
      if (key != null) {
        keys.add(key);
      }
    }
    this.traceKeys = keys.toArray(new String[0]);
  }

  /** A copy of the calling thread's MDC, or {@code null} when it is empty or carrying is off. */
  @Override
  public Object capture() {
    if (!enabled) {
      return null;
    }
    Map<String, String> copy = MDC.getCopyOfContextMap();
    return copy == null || copy.isEmpty() ? null : copy;
  }

  /**
   * Replaces the calling thread's MDC with {@code snapshot}, but for the trace keys; the restorer
   * puts the old entries back, again but for the trace keys (the listener restores those).
   */
  @Override
  public Restorer restore(Object snapshot) {
    if (!enabled) {
      return NOTHING;
    }
    Map<String, String> previous = MDC.getCopyOfContextMap();
    install(snapshot);
    return () -> install(previous);
  }

  @SuppressWarnings("unchecked")
  private void install(Object snapshot) {
    Map<String, String> map = (Map<String, String>) snapshot;
    String[] trace = new String[traceKeys.length];
    for (int i = 0; i < traceKeys.length; i++) {
      trace[i] = MDC.get(traceKeys[i]);
    }
    if (map == null || map.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(map);
    }
    for (int i = 0; i < traceKeys.length; i++) {
      if (trace[i] != null) {
        MDC.put(traceKeys[i], trace[i]);
      } else {
        MDC.remove(traceKeys[i]);
      }
    }
  }
}
