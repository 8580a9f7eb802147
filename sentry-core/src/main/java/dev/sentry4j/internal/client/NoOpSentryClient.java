package dev.sentry4j.internal.client;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Hint;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.ScopeLayers;
import java.time.Duration;

/** The client before {@code init} or without a DSN: every call is a cheap no-op. Thread-safe. */
public final class NoOpSentryClient implements SentryClient {
  /** The shared instance. */
  public static final NoOpSentryClient INSTANCE = new NoOpSentryClient();

  private static final SentryOptions OPTIONS = SentryOptions.builder().build();

  private NoOpSentryClient() {}

  @Override
  public boolean isEnabled() {
    return false;
  }

  @Override
  public SentryOptions getOptions() {
    return OPTIONS;
  }

  @Override
  public SentryId captureEvent(Event event, Hint hint, ScopeLayers scopes) {
    return SentryId.EMPTY;
  }

  @Override
  public SentryId captureTransaction(TransactionEvent transaction, Hint hint, ScopeLayers scopes) {
    return SentryId.EMPTY;
  }

  @Override
  public void captureLog(LogItem log, ScopeLayers scopes) {}

  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public void close(Duration timeout) {}
}
