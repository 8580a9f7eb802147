package dev.sentry4j.bench.floor;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The Logback floor: an appender that drops every event. Unsynchronized like sentry-java's
 * appender, so the floor pays the same dispatch cost an SDK appender pays and nothing more.
 *
 * <p>It keeps a reference to the last event, as every real appender (console, file, async) makes
 * the event reachable from the heap. An appender that does nothing at all lets C2 inline the whole
 * {@code logger.debug} chain and scalar-replace Logback's {@code LoggingEvent} (96 B), so that
 * floor allocated less than any application with an appender does, and a benchmark's bytes "over
 * the floor" depended on whether C2 happened to inline Logback's {@code LoggingEvent} constructor
 * in that fork (with {@code -XX:-DoEscapeAnalysis} the floor, sentry-java and sentry4j allocate the
 * same 144 B per ignored line).
 *
 * <pre>{@code <appender name="FLOOR" class="dev.sentry4j.bench.floor.NoOpAppender"/>}</pre>
 */
public final class NoOpAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  /** The last event: written, never read (see the class comment). */
  private ILoggingEvent last;

  /** Creates the appender; Logback's configurator calls this. */
  public NoOpAppender() {}

  @Override
  protected void append(ILoggingEvent event) {
    last = event; // no output: the floor measures the framework
  }
}
