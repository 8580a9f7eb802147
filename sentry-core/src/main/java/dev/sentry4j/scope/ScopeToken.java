package dev.sentry4j.scope;

/**
 * Restores the scopes that were active before it was made. Use with try-with-resources:
 *
 * <pre>{@code
 * try (ScopeToken ignored = Sentry.newScope()) {
 *   Sentry.setTag("color", "green");
 *   Sentry.captureMessage("hello");      // carries color=green
 * }
 * }</pre>
 *
 * <p>Closing is idempotent and never throws. Closed out of order, a token restores what was there
 * before it and also ends every token opened inside it; closing those later does nothing. A token
 * closed on another thread than the one that made it does nothing (and says so in the diagnostics).
 */
public interface ScopeToken extends AutoCloseable {
  /** A token that restores nothing. */
  ScopeToken NOOP = () -> {};

  @Override
  void close();
}
