package dev.sentry4j.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers every line it received (across reloads: the set is static), by message. */
public final class CountingAppender extends AppenderBase<ILoggingEvent> {
  static final Set<String> RECEIVED = ConcurrentHashMap.newKeySet();

  @Override
  protected void append(ILoggingEvent event) {
    RECEIVED.add(event.getFormattedMessage());
  }
}
