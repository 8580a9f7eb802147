package dev.sentry4j.bench.floor;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The Logback floor: an appender that drops every event. Unsynchronized like sentry-java's
 * appender, so the floor pays the same dispatch cost an SDK appender pays and nothing more.
 *
 * <pre>{@code <appender name="FLOOR" class="dev.sentry4j.bench.floor.NoOpAppender"/>}</pre>
 */
public final class NoOpAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  /** Creates the appender; Logback's configurator calls this. */
  public NoOpAppender() {}

  @Override
  protected void append(ILoggingEvent event) {
    // Intentionally empty: the floor measures the framework, not an output.
  }
}
