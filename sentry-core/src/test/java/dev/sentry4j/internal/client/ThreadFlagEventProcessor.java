package dev.sentry4j.internal.client;

import dev.sentry4j.event.Event;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.event.Hint;
import dev.sentry4j.spi.CallerThreadCapture;

/**
 * An {@link EventProcessor} registered in this module's test resources. It tags events captured on
 * a thread that turned it on (reading the flag on the capturing thread, since processors run on the
 * SDK's worker), and its constructor reports a bad configuration while the system property {@value
 * #BAD_CONFIG_PROPERTY} is set.
 */
public final class ThreadFlagEventProcessor implements EventProcessor, CallerThreadCapture {
  private static final String HINT_KEY = "test.threadFlag";
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
  public void onCallerThread(Event event, Hint hint) {
    hint.set(HINT_KEY, ON.get());
  }

  @Override
  public Event process(Event event, Hint hint) {
    if (Boolean.TRUE.equals(hint.get(HINT_KEY))) {
      event.setTag("registered", "ran");
    }
    return event;
  }
}
