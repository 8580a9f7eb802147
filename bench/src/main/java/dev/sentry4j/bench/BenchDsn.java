package dev.sentry4j.bench;

import dev.sentry4j.bench.sink.LoopbackSink;

/**
 * Hands the loopback sink's DSN to the configuration files through system properties, which must be
 * set before a configuration is loaded.
 */
final class BenchDsn {

  /**
   * The system property the config files read: {@code ${SENTRY_BENCH_DSN}} in logback.xml,
   * {@code ${sys:SENTRY_BENCH_DSN}} in log4j2.xml, and substituted by {@link JulSetup} in JUL
   * properties.
   */
  static final String PROPERTY = "SENTRY_BENCH_DSN";

  /**
   * sentry-java's JUL handler has no DSN setting of its own; it reads this system property through
   * its "external configuration". The other sentry-java appenders take the DSN from their file,
   * which wins over it, and the floor has no SDK to read it.
   */
  static final String SENTRY_JAVA_PROPERTY = "sentry.dsn";

  private BenchDsn() {}

  /** Points the config files at the sink. */
  static void install(LoopbackSink sink) {
    System.setProperty(PROPERTY, sink.dsn());
    System.setProperty(SENTRY_JAVA_PROPERTY, sink.dsn());
  }

  /** Removes what {@link #install} set, so that nothing leaks into the next variant. */
  static void uninstall() {
    System.clearProperty(PROPERTY);
    System.clearProperty(SENTRY_JAVA_PROPERTY);
  }
}
