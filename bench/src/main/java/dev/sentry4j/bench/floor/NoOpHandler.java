package dev.sentry4j.bench.floor;

import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The JUL floor: a handler that drops every record, so the floor pays for the record and its
 * dispatch to one handler and nothing more.
 *
 * <pre>{@code handlers=dev.sentry4j.bench.floor.NoOpHandler}</pre>
 */
public final class NoOpHandler extends Handler {

  /** Creates the handler; the JUL LogManager calls this. */
  public NoOpHandler() {}

  @Override
  public void publish(LogRecord record) {
    // Intentionally empty: the floor measures the framework, not an output.
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
