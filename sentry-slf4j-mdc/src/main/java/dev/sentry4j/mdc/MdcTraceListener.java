package dev.sentry4j.mdc;

import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.Integrations;
import dev.sentry4j.spi.SpanListener;
import dev.sentry4j.spi.logging.TraceValues;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import org.slf4j.MDC;

/**
 * Keeps the MDC keys {@code trace_id}, {@code span_id} and {@code trace_sampled} (names
 * configurable, see the module README) of each thread in step with the thread's current span, so
 * that {@code %X{trace_id}} in a Logback or Log4j 2 pattern prints the trace a line belongs to.
 * Found by sentry-core with {@link java.util.ServiceLoader}; there is nothing to call.
 *
 * <ul>
 *   <li>When a span becomes current the keys get its trace id, span id and {@code true}/{@code
 *       false} (sampled or not). With no span current they are absent (the default), or, with
 *       {@code sentry.mdc.propagation-ids=true}, hold the propagation context's trace id and span
 *       id ({@code trace_sampled} only when an incoming trace decided it). Off by default because
 *       outside a span that id is the scope's: on a thread that serves many requests without a new
 *       scope or trace each, it stays the same for all of them, and after a continued trace's
 *       transaction it is that request's, so lines of unrelated work would look like one trace.
 *   <li>When the span's scope ends (the span is closed or finished on its thread, or an outer scope
 *       is closed) the values from before it come back: the application's own values under those
 *       keys verbatim, and where the keys held ids of ours (or nothing), the ids of what is current
 *       again.
 *   <li>A thread's keys change only when something Sentry-related happens on it: a thread that
 *       never starts a span, scope or trace has none of them.
 * </ul>
 *
 * <p>With Log4j 2 as the SLF4J backend ({@code log4j-slf4j2-impl}) and sentry-log4j2 on the class
 * path, sentry-log4j2's {@code ThreadContextTraceListener} writes the same keys (same settings,
 * same semantics) straight into the ThreadContext; this listener then stands down, decided once at
 * the first switch, so that the keys have one writer.
 *
 * <p>Cost per switch: a thread-local read; when a span becomes current, one MDC read per key; when
 * it is left, one read per key whose value stays; and a put (or remove) only for a key whose value
 * changes (between spans of one trace, just the span id). No formatting, no allocation except when
 * the application's own values must be kept (and whatever the MDC allocates for a put: Log4j 2's
 * copy-on-write ThreadContext copies its array). Thread-safe: it acts only on the calling thread's
 * MDC.
 */
public final class MdcTraceListener implements SpanListener {

  /** A memento saying the keys held our ids (or nothing): put the ids of what is current back. */
  private static final Object OURS = new Object();

  /** What this listener last wrote on each thread (the very String objects), by key. */
  private static final ThreadLocal<String[]> WRITTEN = ThreadLocal.withInitial(() -> new String[3]);

  /** SLF4J's MDC adapter when the MDC is Log4j 2's ThreadContext ({@code log4j-slf4j2-impl}). */
  private static final String LOG4J_MDC_ADAPTER = "org.apache.logging.slf4j.Log4jMDCAdapter";

  /** sentry-log4j2's listener, which writes the same keys straight into the ThreadContext. */
  private static final String LOG4J_LISTENER = "dev.sentry4j.log4j2.ThreadContextTraceListener";

  private final boolean enabled;

  /**
   * 0 until the first switch, then 1: this listener writes the keys, 2: it stands down because
   * sentry-log4j2's listener writes them into the same ThreadContext. Decided once, at the first
   * switch (not at construction, when SLF4J may not be ready).
   */
  private volatile int mode;

  private final String[] keys;
  private final boolean propagationIds;

  /**
   * Reads the settings from {@code sentry.properties}, the environment and system properties.
   *
   * @throws IllegalArgumentException naming a bad setting (sentry-core then skips this listener and
   *     says so in its diagnostics)
   */
  public MdcTraceListener() {
    this(MdcSettings.fromEnvironment());
  }

  MdcTraceListener(MdcSettings settings) {
    this.enabled = settings.enabled;
    this.keys = new String[] {settings.traceIdKey, settings.spanIdKey, settings.traceSampledKey};
    this.propagationIds = settings.propagationIds;
    if (enabled) {
      Integrations.add("slf4j-mdc", "sentry-slf4j-mdc");
    }
  }

  @Override
  public Object onPushed(Span span, PropagationContext propagationContext) {
    if (!writes()) {
      return null;
    }
    String[] written = WRITTEN.get();
    String trace = get(0);
    String spanId = get(1);
    String sampled = get(2);
    // identity, not equality: is it the very String this listener put, or the application's value?
    Object memento =
        (trace != null && trace != written[0])
                || (spanId != null && spanId != written[1])
                || (sampled != null && sampled != written[2])
            ? new Saved(new String[] {trace, spanId, sampled})
            : OURS;
    write(span, propagationContext, written, trace, spanId, sampled);
    return memento;
  }

  @Override
  public void onRestored(Object memento, Span span, PropagationContext propagationContext) {
    if (!writes()) {
      return;
    }
    String[] written = WRITTEN.get();
    if (memento instanceof Saved) {
      String[] values = ((Saved) memento).values;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null) {
          put(keys[i], values[i]);
        }
        written[i] = null; // the application's values now, not ours
      }
      return;
    }
    rewrite(span, propagationContext, written);
  }

  /**
   * An in-place change (e.g. {@code continueTrace} with tracing off): the new ids, nothing saved.
   */
  @Override
  public void onCurrentSpanChanged(Span span, PropagationContext propagationContext) {
    if ((span == null && !propagationIds) || !writes()) {
      return;
    }
    rewrite(span, propagationContext, WRITTEN.get());
  }

  /** Whether this listener writes the keys (enabled, and not standing down; see {@link #mode}). */
  private boolean writes() {
    if (!enabled) {
      return false;
    }
    int m = mode;
    if (m == 0) {
      m = log4j2ListenerWritesTheMdc() ? 2 : 1;
      mode = m;
      if (m == 2) {
        Diagnostics.debug(
            "sentry-slf4j-mdc: SLF4J's MDC is Log4j 2's ThreadContext and sentry-log4j2 keeps the"
                + " trace keys there; this module leaves them to it");
      }
    }
    return m == 1;
  }

  /**
   * Whether SLF4J's MDC is Log4j 2's ThreadContext and sentry-log4j2's {@code
   * ThreadContextTraceListener} is active: then both would write the same keys, and the one that
   * writes the ThreadContext directly (one copy-on-write write per switch instead of one per key)
   * keeps them. Asked once, by reflection: this module does not depend on sentry-log4j2.
   */
  private static boolean log4j2ListenerWritesTheMdc() {
    try {
      if (!LOG4J_MDC_ADAPTER.equals(MDC.getMDCAdapter().getClass().getName())) {
        return false;
      }
      Class<?> listener =
          Class.forName(LOG4J_LISTENER, true, MdcTraceListener.class.getClassLoader());
      return Boolean.TRUE.equals(listener.getMethod("isActive").invoke(null));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false; // no sentry-log4j2 here (or not usable): this module writes the keys
    }
  }

  private String get(int index) {
    return keys[index] == null ? null : MDC.get(keys[index]);
  }

  /**
   * Writes the ids of what is current. {@code now0..2} are the keys' values in the MDC now: a key
   * that already holds the very String to write is left alone (between spans of one trace only the
   * span id changes), which spares the MDC two of its three writes.
   */
  private void write(
      Span span,
      PropagationContext context,
      String[] written,
      String now0,
      String now1,
      String now2) {
    String traceId = traceId(span, context);
    String spanId = spanId(span, context);
    String sampled = sampled(span, context);
    written[0] = traceId;
    written[1] = spanId;
    written[2] = sampled;
    putIfChanged(0, traceId, now0);
    putIfChanged(1, spanId, now1);
    putIfChanged(2, sampled, now2);
  }

  /**
   * Writes the ids of what is current when nothing of the application's is to be kept. A key whose
   * new value differs from what this listener last wrote is put without reading it first (between
   * spans of one trace, the span id); a key whose value stays is read, and put back only if the MDC
   * no longer holds it (cleared or changed meanwhile): one MDC read fewer per changed key than
   * {@link #write}.
   */
  private void rewrite(Span span, PropagationContext context, String[] written) {
    rewrite(0, traceId(span, context), written);
    rewrite(1, spanId(span, context), written);
    rewrite(2, sampled(span, context), written);
  }

  private void rewrite(int index, String value, String[] written) {
    if (keys[index] != null && (value != written[index] || value != MDC.get(keys[index]))) {
      put(keys[index], value);
    }
    written[index] = value;
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

  /** Puts {@code value} under key {@code index} unless the MDC holds that very String already. */
  private void putIfChanged(int index, String value, String now) {
    if (keys[index] != null && value != now) {
      put(keys[index], value);
    }
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** The application's own values under our keys, from before a push. */
  private static final class Saved {
    final String[] values;

    Saved(String[] values) {
      this.values = values;
    }
  }
}
