package dev.sentry4j.internal.transport;

/**
 * A monotonic clock in nanoseconds. The delivery pipeline reads rate-limit windows, back-off and
 * report intervals from it, so that tests can move time instead of sleeping through a 60-second
 * limit.
 */
@FunctionalInterface
interface Ticker {
  /** The JVM's monotonic clock. */
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long nanoTime();
}
