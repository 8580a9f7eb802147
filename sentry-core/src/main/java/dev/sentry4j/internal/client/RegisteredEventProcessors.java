package dev.sentry4j.internal.client;

import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.spi.Diagnostics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The {@link EventProcessor}s that integrations register with {@link ServiceLoader} (listed in
 * {@code META-INF/services/dev.sentry4j.event.EventProcessor}, public no-argument constructor),
 * found from the thread context class loader and the SDK's own when a client is created. A provider
 * that cannot be loaded is skipped with a warning, except that an {@link IllegalArgumentException}
 * from its constructor is a configuration error and fails {@code Sentry.init} with its message.
 */
final class RegisteredEventProcessors {
  private static final int MAX_PROVIDERS = 100;

  private RegisteredEventProcessors() {}

  /** The registered processors, in class-path order; usually none. */
  static List<EventProcessor> load() {
    List<EventProcessor> found = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    ClassLoader context = null;
    try {
      context = Thread.currentThread().getContextClassLoader();
    } catch (RuntimeException e) { // SecurityException
      Diagnostics.debug("No context class loader for EventProcessor lookup: " + e);
    }
    ClassLoader own = RegisteredEventProcessors.class.getClassLoader();
    loadFrom(context, found, names);
    if (own != context) {
      loadFrom(own, found, names);
    }
    if (!found.isEmpty()) {
      Diagnostics.debug("Registered event processors: " + names);
    }
    return List.copyOf(found);
  }

  private static void loadFrom(ClassLoader loader, List<EventProcessor> found, Set<String> names) {
    if (loader == null) {
      return;
    }
    Iterator<EventProcessor> it;
    try {
      it = ServiceLoader.load(EventProcessor.class, loader).iterator();
    } catch (RuntimeException | ServiceConfigurationError e) {
      Diagnostics.warn("eventProcessor", "EventProcessor lookup failed", e);
      return;
    }
    for (int i = 0; i < MAX_PROVIDERS; i++) {
      try {
        if (!it.hasNext()) {
          return;
        }
        EventProcessor processor = it.next();
        if (names.add(processor.getClass().getName())) {
          found.add(processor);
        }
      } catch (ServiceConfigurationError e) {
        if (e.getCause() instanceof IllegalArgumentException) {
          // the provider read its configuration and found a bad value: say so at start-up
          throw (IllegalArgumentException) e.getCause();
        }
        Diagnostics.warn("eventProcessor", "An EventProcessor could not be loaded; skipped", e);
      } catch (RuntimeException | LinkageError e) {
        Diagnostics.warn("eventProcessor", "An EventProcessor could not be loaded; skipped", e);
      }
    }
  }
}
