package dev.sentry4j.bench;

import java.net.URISyntaxException;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;

/** Loads a variant's log4j2 XML into a fresh Log4j 2 context. */
final class Log4j2Setup {

  private Log4j2Setup() {}

  /**
   * Creates the context from {@code log4j2-<variant>.xml} (no default configuration first, so no
   * "no configuration found" warning).
   *
   * @throws IllegalStateException if another file was loaded or a plugin in it was not found (Log4j
   *     2 would otherwise carry on with a root logger that has no appender)
   */
  static LoggerContext configure(Variant variant) throws URISyntaxException {
    String resource = variant.resource("log4j2", "xml");
    LoggerContext context =
        Configurator.initialize(null, Resources.url(resource).toURI().toString());
    Configuration config = context.getConfiguration();
    String location = config.getConfigurationSource().getLocation();
    if (location == null || !location.endsWith(resource)) {
      throw new IllegalStateException(
          "Log4j 2 loaded " + location + " instead of " + resource
              + " (was the previous context not stopped?)");
    }
    if (config.getRootLogger().getAppenders().isEmpty()) {
      throw new IllegalStateException(
          resource + " leaves the root logger without an appender (plugin not found?)");
    }
    return context;
  }

  /** Stops the context and its appenders; the next {@link #configure} gets a fresh one. */
  static void stop(LoggerContext context) {
    Configurator.shutdown(context);
  }
}
