package dev.sentry4j.jul;

import dev.sentry4j.Sentry;

/**
 * Runs inside {@link NoSlf4jTest}'s class loader, where SLF4J cannot load: initializes the SDK with
 * its default sender (the JDK's HTTP client, which needs no SLF4J).
 */
public final class IsolatedSdk {
  private IsolatedSdk() {}

  /** Initializes the SDK of this class loader, sending to {@code dsn}. */
  public static void install(String dsn) {
    Sentry.init(options -> options.setDsn(dsn));
  }

  /** Closes the SDK of this class loader. */
  public static void close() {
    Sentry.close();
  }

  /** Whether this class loader's handler saw SLF4J. */
  public static boolean slf4jAvailable() {
    return Mdc.isAvailable();
  }
}
