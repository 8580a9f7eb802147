package dev.sentry4j.exit;

import dev.sentry4j.Sentry;

/**
 * A short-lived application using the core API alone: init from {@code -Dsentry.*}, five errors,
 * the line {@code LAST}, then {@code main} returns and the SDK's shutdown hook closes it.
 */
public final class ExitChild {
  private ExitChild() {}

  /**
   * Runs the application.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Sentry.init();
    for (int i = 0; i < 5; i++) {
      Sentry.captureException(new IllegalStateException("order " + i + " failed"));
    }
    System.out.println("LAST");
  }
}
