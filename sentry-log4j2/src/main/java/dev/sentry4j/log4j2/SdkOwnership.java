package dev.sentry4j.log4j2;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.SentryClient;
import dev.sentry4j.options.SentryOptions;
import java.time.Duration;

/**
 * Who owns the SDK that the appenders feed. The application, if it called {@code Sentry.init} itself:
 * then appenders only use it and never close it. Otherwise the appender that started last: Log4j 2
 * starts a reconfiguration's new appender before stopping the old one, so the new one initializes
 * the SDK afresh (with its possibly changed options, replacing the client the old one installed) and
 * the old one's stop must then leave the SDK alone. Thread-safe: one lock for the whole JVM.
 */
final class SdkOwnership {
  private static final Object LOCK = new Object();
  private static SentryClient installedByAppender; // guarded by LOCK

  private SdkOwnership() {}

  /**
   * Initializes the SDK with {@code options}, unless the application did so already.
   *
   * @return the client this call installed, or {@code null} when the application's is used or the
   *     SDK is disabled (no DSN)
   */
  static SentryClient acquire(SentryOptions options) {
    synchronized (LOCK) {
      SentryClient current = Sentry.getClient();
      if (current != null && current.isEnabled() && current != installedByAppender) {
        return null;
      }
      Sentry.init(options);
      SentryClient installed = Sentry.getClient();
      // without a DSN the SDK is disabled: nothing to own, and closing would only reset scopes
      installedByAppender = installed != null && installed.isEnabled() ? installed : null;
      return installedByAppender;
    }
  }

  /**
   * Flushes what was captured (within {@code timeout}), then closes the SDK if {@code owned} is still
   * the installed client.
   */
  static void release(SentryClient owned, Duration timeout) {
    Sentry.flush(timeout);
    synchronized (LOCK) {
      if (owned != null && Sentry.getClient() == owned) {
        installedByAppender = null;
        Sentry.close();
      }
    }
  }
}
