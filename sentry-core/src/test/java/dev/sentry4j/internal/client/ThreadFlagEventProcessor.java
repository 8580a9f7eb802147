package dev.sentry4j.internal.client;

import dev.sentry4j.event.Hint;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.EventProcessor;

/**
 * An {@link EventProcessor} registered in this module's test resources. It tags events captured on a
 * thread that turned it on, and its constructor reports a bad configuration while the system property
 * {@value #BAD_CONFIG_PROPERTY} is set.
 */
public final class ThreadFlagEventProcessor implements EventProcessor {
  static final String BAD_CONFIG_PROPERTY = "sentry4j.test.registeredProcessor.bad";
  static final ThreadLocal<Boolean> ON = new ThreadLocal<>();

  /** Made by the ServiceLoader. */
  public ThreadFlagEventProcessor() {
    String bad = System.getProperty(BAD_CONFIG_PROPERTY);
    if (bad != null) {
      throw new IllegalArgumentException("test.option: '" + bad + "' is not valid");
    }
  }

  @Override
  public Event process(Event event, Hint hint) {
    if (Boolean.TRUE.equals(ON.get())) {
      event.setTag("registered", "ran");
    }
    return event;
  }
}
