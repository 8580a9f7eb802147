package dev.sentry4j.examples;

/**
 * One demo: a small program using one way into sentry4j. It finds the DSN where an application
 * would (the {@code SENTRY_DSN} environment variable, or the {@code sentry.dsn} system property the
 * runner sets to its local receiver), prints to the console, and returns once everything it
 * captured has been sent (it closes what it started).
 */
interface Scenario {
  /** What it shows, in a few words. */
  String title();

  /** Runs the demo. */
  void run() throws Exception;
}
