package dev.sentry4j.jul;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/** A broken user filter, configured by class name in a test logging.properties. */
public final class ThrowingFilter implements Filter {
  @Override
  public boolean isLoggable(LogRecord record) {
    throw new IllegalStateException("filter broke on " + record.getMessage());
  }
}
