package dev.sentry4j.jul;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/** A badly broken user filter: it throws an {@link Error} on every record. */
public final class ErrorThrowingFilter implements Filter {
  @Override
  public boolean isLoggable(LogRecord record) {
    throw new AssertionError("filter bug on " + record.getMessage());
  }
}
