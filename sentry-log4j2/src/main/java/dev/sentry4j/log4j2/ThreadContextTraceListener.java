package dev.sentry4j.log4j2;

import dev.sentry4j.spi.SpanListener;
import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.spi.config.Settings;
import dev.sentry4j.spi.logging.TraceKeys;
import dev.sentry4j.spi.logging.TraceValues;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import java.util.Map;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.spi.ReadOnlyThreadContextMap;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * Keeps the ThreadContext keys {@code trace_id}, {@code span_id} and {@code trace_sampled} (the one
 * setting {@link TraceKeys}: {@code mdc.traceIdKey} etc.) of each thread in step with the thread's
 * current span, so that {@code %X{trace_id}} in a {@code PatternLayout} prints the trace a line
 * belongs to, JSON layouts include it, and async loggers carry it in the event's context data.
 * Found by sentry-core with {@link java.util.ServiceLoader}; there is nothing to call.
 *
 * <p>The same semantics as sentry-slf4j-mdc's {@code MdcTraceListener} (which stands down for Log4j
 * 2's ThreadContext when this listener is active):
 *
 * <ul>
 *   <li>When a span becomes current the keys get its trace id, span id and {@code true}/{@code
 *       false}. With no span current they are absent (the default), or, with {@code
 *       sentry.mdc.propagation-ids=true}, hold the propagation context's ids ({@code trace_sampled}
 *       only when an incoming trace decided it). Absent by default for the reasons sentry-slf4j-mdc
 *       gives (that id stays the same for all the requests a thread serves without a new scope or
 *       trace), and because Log4j 2's default ThreadContext map costs every line an allocation
 *       while it is not empty: outside spans, lines Sentry ignores cost nothing over an empty
 *       ThreadContext.
 *   <li>When the span's scope ends, the values from before it come back: the application's own
 *       values under those keys verbatim, and where the keys held ids of ours (or nothing), the ids
 *       of what is current again.
 *   <li>A thread's keys change only when something Sentry-related happens on it (its first Sentry
 *       call, a span, scope or trace starting or ending): a thread that never touches Sentry has
 *       none of them.
 * </ul>
 *
 * <p>Why a listener and not a {@code ContextDataProvider}: with a second provider registered, Log4j
 * 2's default injector copies every event's context into a new map (about 200 B per line, also for
 * lines nobody prints). Writing the ThreadContext at span switches costs nothing per line; a switch
 * costs one ThreadContext read and one copy-on-write write for all the keys that change (between
 * spans of one trace, just the span id), none when nothing changes.
 *
 * <p>Off with {@code sentry.mdc.enabled=false}, the switch that turns the trace keys off in every
 * MDC. Thread-safe: it acts only on the calling thread's ThreadContext.
 */
public final class ThreadContextTraceListener implements SpanListener {

  /** A memento saying the keys held our ids (or nothing): put the ids of what is current back. */
  private static final Object OURS = new Object();

  /** What this listener last wrote on each thread (the very String objects), by key. */
  private static final ThreadLocal<String[]> WRITTEN = ThreadLocal.withInitial(() -> new String[3]);

  /** Whether an enabled instance exists in this class loader; see {@link #isActive()}. */
  private static volatile boolean active;

  private final boolean enabled;
  private final String[] keys;
  private final boolean propagationIds;

  /**
   * Reads the settings from {@code sentry.properties}, the environment and system properties.
   *
   * @throws IllegalArgumentException naming a bad setting (sentry-core then skips this listener and
   *     says so in its diagnostics)
   */
  public ThreadContextTraceListener() {
    this(OptionSources.system().read());
  }

  ThreadContextTraceListener(Settings settings) {
    TraceKeys traceKeys;
    try {
      traceKeys = TraceKeys.from(settings);
      this.enabled = settings.value(OptionRegistry.MDC_ENABLED);
      this.propagationIds = settings.value(OptionRegistry.MDC_PROPAGATION_IDS);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sentry-log4j2: " + e.getMessage(), e);
    }
    this.keys =
        new String[] {traceKeys.traceIdKey(), traceKeys.spanIdKey(), traceKeys.traceSampledKey()};
    if (enabled) {
      active = true;
    }
  }

  /**
   * Whether a listener of this class writes the trace keys into the ThreadContext in this process
   * (in this class loader). sentry-slf4j-mdc asks once, and stands down when SLF4J's MDC is Log4j
   * 2's ThreadContext, so that the keys have one writer.
   *
   * @return {@code true} once an enabled listener was created
   */
  public static boolean isActive() {
    return active;
  }

  @Override
  public Object onPushed(Span span, PropagationContext propagationContext) {
    if (!enabled) {
      return null;
    }
    String[] written = WRITTEN.get();
    Object map = readable();
    String now0 = get(map, 0);
    String now1 = get(map, 1);
    String now2 = get(map, 2);
    // identity, not equality: is it the very String this listener put, or the application's value?
    Object memento =
        (now0 != null && now0 != written[0])
                || (now1 != null && now1 != written[1])
                || (now2 != null && now2 != written[2])
            ? new Saved(now0, now1, now2)
            : OURS;
    String v0 = traceId(span, propagationContext);
    String v1 = spanId(span, propagationContext);
    String v2 = sampled(span, propagationContext);
    written[0] = v0;
    written[1] = v1;
    written[2] = v2;
    int changed = (v0 != now0 ? 1 : 0) | (v1 != now1 ? 2 : 0) | (v2 != now2 ? 4 : 0);
    apply(changed, v0, v1, v2);
    return memento;
  }

  @Override
  public void onRestored(Object memento, Span span, PropagationContext propagationContext) {
    if (!enabled) {
      return;
    }
    String[] written = WRITTEN.get();
    if (memento instanceof Saved) {
      Saved saved = (Saved) memento;
      written[0] = null; // the application's values now, not ours
      written[1] = null;
      written[2] = null;
      apply(7, saved.v0, saved.v1, saved.v2);
      return;
    }
    rewrite(span, propagationContext, written);
  }

  /**
   * An in-place change (e.g. {@code continueTrace} with tracing off), or a thread's first Sentry
   * call: the new ids, nothing saved.
   */
  @Override
  public void onCurrentSpanChanged(Span span, PropagationContext propagationContext) {
    if (!enabled || (span == null && !propagationIds)) {
      return;
    }
    rewrite(span, propagationContext, WRITTEN.get());
  }

  /**
   * Writes the ids of what is current when nothing of the application's is to be kept. A key whose
   * new value differs from what this listener last wrote is written without reading it first; a key
   * whose value stays is read (one ThreadContext read for all of them), and written back only if
   * the ThreadContext no longer holds it (cleared or changed meanwhile).
   */
  private void rewrite(Span span, PropagationContext context, String[] written) {
    String v0 = traceId(span, context);
    String v1 = spanId(span, context);
    String v2 = sampled(span, context);
    int changed = 0;
    int stays = 0;
    if (keys[0] != null) {
      if (v0 != written[0]) {
        changed |= 1;
      } else {
        stays |= 1;
      }
    }
    if (keys[1] != null) {
      if (v1 != written[1]) {
        changed |= 2;
      } else {
        stays |= 2;
      }
    }
    if (keys[2] != null) {
      if (v2 != written[2]) {
        changed |= 4;
      } else {
        stays |= 4;
      }
    }
    if (stays != 0) {
      Object map = readable();
      if ((stays & 1) != 0 && v0 != get(map, 0)) {
        changed |= 1;
      }
      if ((stays & 2) != 0 && v1 != get(map, 1)) {
        changed |= 2;
      }
      if ((stays & 4) != 0 && v2 != get(map, 2)) {
        changed |= 4;
      }
    }
    written[0] = v0;
    written[1] = v1;
    written[2] = v2;
    apply(changed, v0, v1, v2);
  }

  /**
   * Writes the keys flagged in {@code changed} (bit i: key i): a {@code null} value removes the
   * key, the others are written in one ThreadContext write (Log4j 2's default map copies its array
   * once per write, not once per key).
   */
  private void apply(int changed, String v0, String v1, String v2) {
    int puts = 0;
    if ((changed & 1) != 0 && keys[0] != null) {
      puts |= v0 == null ? remove(0) : 1;
    }
    if ((changed & 2) != 0 && keys[1] != null) {
      puts |= v1 == null ? remove(1) : 2;
    }
    if ((changed & 4) != 0 && keys[2] != null) {
      puts |= v2 == null ? remove(2) : 4;
    }
    switch (puts) {
      case 0:
        return;
      case 1:
        ThreadContext.put(keys[0], v0);
        return;
      case 2:
        ThreadContext.put(keys[1], v1);
        return;
      case 4:
        ThreadContext.put(keys[2], v2);
        return;
      case 3:
        ThreadContext.putAll(Map.of(keys[0], v0, keys[1], v1));
        return;
      case 5:
        ThreadContext.putAll(Map.of(keys[0], v0, keys[2], v2));
        return;
      case 6:
        ThreadContext.putAll(Map.of(keys[1], v1, keys[2], v2));
        return;
      default:
        ThreadContext.putAll(Map.of(keys[0], v0, keys[1], v1, keys[2], v2));
    }
  }

  private int remove(int index) {
    ThreadContext.remove(keys[index]);
    return 0;
  }

  /**
   * The thread's ThreadContext to read several keys from with one thread-local lookup, without a
   * copy: Log4j 2's default map hands out its immutable state (the map that {@link
   * ThreadContext#getThreadContextMap()} does not return), the copy-on-write and garbage-free maps
   * their read-only data.
   */
  private static Object readable() {
    ReadOnlyThreadContextMap readOnly = ThreadContext.getThreadContextMap();
    return readOnly != null
        ? readOnly.getReadOnlyContextData()
        : ThreadContext.getImmutableContext();
  }

  private String get(Object readable, int index) {
    String key = keys[index];
    if (key == null) {
      return null;
    }
    Object value =
        readable instanceof ReadOnlyStringMap
            ? ((ReadOnlyStringMap) readable).getValue(key)
            : ((Map<?, ?>) readable).get(key);
    return value instanceof String ? (String) value : null;
  }

  private String traceId(Span span, PropagationContext context) {
    return TraceValues.traceId(span, context, propagationIds);
  }

  private String spanId(Span span, PropagationContext context) {
    return TraceValues.spanId(span, context, propagationIds);
  }

  private String sampled(Span span, PropagationContext context) {
    return TraceValues.sampled(span, context, propagationIds);
  }

  /** The application's own values under our keys, from before a push. */
  private static final class Saved {
    final String v0;
    final String v1;
    final String v2;

    Saved(String v0, String v1, String v2) {
      this.v0 = v0;
      this.v1 = v1;
      this.v2 = v2;
    }
  }
}
