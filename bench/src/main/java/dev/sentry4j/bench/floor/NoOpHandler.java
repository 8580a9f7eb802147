package dev.sentry4j.bench.floor;

import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The JUL floor: a handler that drops every record, so the floor pays for the record and its
 * dispatch to one handler and nothing more.
 *
 * <p>It keeps a reference to the last record, as every real handler (console, file) makes the
 * record reachable from the heap; a handler that does nothing lets C2 scalar-replace JUL's {@code
 * LogRecord} (80 B), a saving no application with a handler gets (see {@link NoOpAppender}).
 *
 * <pre>{@code handlers=dev.sentry4j.bench.floor.NoOpHandler}</pre>
 */
public final class NoOpHandler extends Handler {

  /** The last record: written, never read (see the class comment). */
  private LogRecord last;

  /** Creates the handler; the JUL LogManager calls this. */
  public NoOpHandler() {}

  @Override
  public void publish(LogRecord record) {
    last = record; // no output: the floor measures the framework
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
