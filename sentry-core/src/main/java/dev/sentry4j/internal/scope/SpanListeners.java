package dev.sentry4j.internal.scope;

import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.SpanListener;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The {@link SpanListener}s found once with {@link ServiceLoader}, and their notification: only
 * when the current span or propagation context of the thread differs, each listener guarded so that
 * one that throws neither stops the others nor reaches the application. Immutable; thread-safe.
 */
final class SpanListeners {
  private static final int MAX_PROVIDERS = 100;

  private final SpanListener[] listeners;

  private SpanListeners(SpanListener[] listeners) {
    this.listeners = listeners;
  }

  /** The registered listeners, or {@code null} when there are none (the common, free case). */
  static SpanListeners load() {
    List<SpanListener> found = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    ClassLoader context = null;
    try {
      context = Thread.currentThread().getContextClassLoader();
    } catch (RuntimeException e) { // SecurityException
      Diagnostics.debug("No context class loader for SpanListener lookup: " + e);
    }
    ClassLoader own = SpanListeners.class.getClassLoader();
    loadFrom(context, found, names);
    if (own != context) {
      loadFrom(own, found, names);
    }
    if (found.isEmpty()) {
      return null;
    }
    Diagnostics.debug("Span listeners: " + names);
    return new SpanListeners(found.toArray(new SpanListener[0]));
  }

  private static void loadFrom(ClassLoader loader, List<SpanListener> found, Set<String> names) {
    if (loader == null) {
      return;
    }
    try {
      Iterator<SpanListener> it = ServiceLoader.load(SpanListener.class, loader).iterator();
      for (int i = 0; i < MAX_PROVIDERS; i++) {
        try {
          if (!it.hasNext()) {
            return;
          }
          SpanListener listener = it.next();
          if (names.add(listener.getClass().getName())) {
            found.add(listener);
          }
        } catch (ServiceConfigurationError | LinkageError e) {
          Diagnostics.warn("spanListener", "A SpanListener could not be loaded; skipped", e);
        }
      }
    } catch (RuntimeException | ServiceConfigurationError e) {
      Diagnostics.warn("spanListener", "SpanListener lookup failed", e);
    }
  }

  /**
   * Tells the listeners that {@code after} was pushed over {@code before}, if it differs in span or
   * trace.
   *
   * @return the listeners' mementos, one per listener, or {@code null} when nothing changed
   */
  Object[] pushed(Scopes before, Scopes after) {
    Span span = after.getSpan();
    PropagationContext context = after.getPropagationContext();
    if (before.getSpan() == span && before.getPropagationContext() == context) {
      return null;
    }
    Object[] mementos = new Object[listeners.length];
    for (int i = 0; i < listeners.length; i++) {
      try {
        mementos[i] = listeners[i].onPushed(span, context);
      } catch (RuntimeException | LinkageError e) {
        reportFailure(listeners[i], e);
      }
    }
    return mementos;
  }

  /**
   * Tells the listeners that pushes were undone, {@code top} having been current and {@code after}
   * being current now.
   *
   * @param mementos those of the outermost push undone that told the listeners, or {@code null}
   *     when none did (then they hear of it only if span or trace differ)
   */
  void restored(Object[] mementos, Scopes top, Scopes after) {
    Span span = after.getSpan();
    PropagationContext context = after.getPropagationContext();
    if (mementos == null) {
      if (top.getSpan() != span || top.getPropagationContext() != context) {
        notify(span, context);
      }
      return;
    }
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].onRestored(mementos[i], span, context);
      } catch (RuntimeException | LinkageError e) {
        reportFailure(listeners[i], e);
      }
    }
  }

  /** Tells the listeners the state of {@code scopes} (its propagation context was replaced). */
  void notify(Scopes scopes) {
    notify(scopes.getSpan(), scopes.getPropagationContext());
  }

  private void notify(Span span, PropagationContext context) {
    for (SpanListener listener : listeners) {
      try {
        listener.onCurrentSpanChanged(span, context);
      } catch (RuntimeException | LinkageError e) {
        reportFailure(listener, e);
      }
    }
  }

  private static void reportFailure(SpanListener listener, Throwable e) {
    Diagnostics.error(
        "spanListener:" + listener.getClass().getName(), "A SpanListener threw; ignored", e);
  }
}
