package dev.sentry4j.internal.transport;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Keeps the JDK HTTP client's own debug output out of the application's logs: the only place
 * sentry-core touches {@code java.util.logging} (allowed by name in the architecture test).
 *
 * <p>The JDK's client writes ~20 KB of debug lines per request to the System.Logger {@value
 * #DEBUG_LOGGER} whenever it is enabled at DEBUG, which JUL's root at FINE or ALL does (and bridges
 * such as Logback's LevelChangePropagator, which copy a root at DEBUG to JUL). Those lines are the
 * SDK's, not the application's: that one JUL logger is set to OFF, unless the application gave it a
 * level itself or asked for the client's debug output with {@code -Djdk.internal.httpclient.debug}.
 * A JVM whose System.Logger does not go to JUL is not changed. Internal, may change.
 */
final class JdkClientLogging {
  static final String DEBUG_LOGGER = "jdk.internal.httpclient.debug";

  /** Held so that JUL keeps the level (it forgets the levels of loggers nobody references). */
  @SuppressWarnings("unused")
  private static volatile Logger held;

  private JdkClientLogging() {}

  /** Sets {@value #DEBUG_LOGGER} to OFF unless the application configured it. Never throws. */
  static void quiet() {
    try {
      if (System.getProperty(DEBUG_LOGGER) != null
          || LogManager.getLogManager().getProperty(DEBUG_LOGGER + ".level") != null) {
        return;
      }
      Logger logger = Logger.getLogger(DEBUG_LOGGER);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.OFF);
      }
      held = logger;
    } catch (RuntimeException | LinkageError e) {
      // a restricted or unusual LogManager: nothing is changed
    }
  }
}
