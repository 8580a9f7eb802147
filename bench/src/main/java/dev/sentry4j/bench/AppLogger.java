package dev.sentry4j.bench;

/** The logger every benchmark logs through, the same name for every framework and variant. */
final class AppLogger {

  /**
   * An application's logger name. Not under {@code dev.sentry4j.}: sentry4j ignores its own loggers
   * (so that it never captures what it logs itself), which would make the sentry4j variant free.
   */
  static final String NAME = "com.example.shop.Checkout";

  private AppLogger() {}
}
