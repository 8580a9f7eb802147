package dev.sentry4j.bench;

import dev.sentry4j.log4j2.SentryContextDataProvider;
import java.net.URISyntaxException;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.impl.ThreadContextDataInjector;

/** Loads a variant's log4j2 XML into a fresh Log4j 2 context. */
final class Log4j2Setup {

  private Log4j2Setup() {}

  /**
   * Creates the context from {@code log4j2-<variant>.xml} (no default configuration first, so no
   * "no configuration found" warning).
   *
   * @throws IllegalStateException if another file was loaded, a plugin in it was not found (Log4j 2
   *     would otherwise carry on with a root logger that has no appender), or a root appender is
   *     not the variant's or did not start
   */
  static LoggerContext configure(Variant variant) throws URISyntaxException {
    String resource = variant.resource("log4j2", "xml");
    LogbackSetup.silence();
    if (variant == Variant.SENTRY4J) {
      registerSentry4jContextData();
    }
    LoggerContext context =
        Configurator.initialize(null, Resources.url(resource).toURI().toString());
    Configuration config = context.getConfiguration();
    String location = config.getConfigurationSource().getLocation();
    if (location == null || !location.endsWith(resource)) {
      throw new IllegalStateException(
          "Log4j 2 loaded "
              + location
              + " instead of "
              + resource
              + " (was the previous context not stopped?)");
    }
    if (config.getRootLogger().getAppenders().isEmpty()) {
      throw new IllegalStateException(
          resource + " leaves the root logger without an appender (plugin not found?)");
    }
    for (Appender appender : config.getRootLogger().getAppenders().values()) {
      if (!variant.owns(appender) || !appender.isStarted()) {
        throw new IllegalStateException(
            resource
                + ": root appender "
                + appender.getClass().getName()
                + (appender.isStarted() ? " is not " + variant.id + "'s" : " did not start"));
      }
    }
    return context;
  }

  /**
   * sentry4j's sentry-log4j2 adds the active span's ids to every event's context data through a
   * {@code ContextDataProvider} that the ServiceLoader finds in its jar. The bench's uber jar
   * leaves that service file out, or the floor and sentry-java would pay for it too; this registers
   * the provider for the sentry4j variant only, before Log4j 2 creates the context (its event
   * factories take the list of providers when they are created, so in a JVM that already logged
   * through Log4j 2, as in the smoke run, it may not take effect; JMH forks a JVM per variant).
   */
  private static void registerSentry4jContextData() {
    boolean present =
        ThreadContextDataInjector.contextDataProviders.stream()
            .anyMatch(p -> p instanceof SentryContextDataProvider);
    if (!present) {
      ThreadContextDataInjector.contextDataProviders.add(new SentryContextDataProvider());
    }
  }

  /** Stops the context and its appenders; the next {@link #configure} gets a fresh one. */
  static void stop(LoggerContext context) {
    Configurator.shutdown(context);
  }
}
