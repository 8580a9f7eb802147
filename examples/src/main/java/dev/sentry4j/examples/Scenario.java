package dev.sentry4j.examples;

import java.io.PrintStream;

/** One demo: a small program using one way into sentry4j. */
interface Scenario {
  /** What it shows, in a few words. */
  String title();

  /**
   * Runs the demo against {@code dsn} and returns once everything it captured has been flushed.
   *
   * @param out where the demo's own console lines go
   */
  void run(String dsn, PrintStream out) throws Exception;
}
