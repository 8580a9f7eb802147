package dev.sentry4j.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.StatusPrinter2;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Loads a variant's logback XML into the one Logback context of this JVM. */
final class LogbackSetup {

  private LogbackSetup() {}

  /**
   * Resets the Logback context and configures it from {@code logback-<variant>.xml}.
   *
   * @throws IllegalStateException if the file is missing, has errors, or leaves root without an
   *     appender, or with one that is not the variant's or did not start (a silent misconfiguration
   *     would make a variant look free)
   */
  static LoggerContext configure(Variant variant) throws JoranException {
    return configure(variant, variant.resource("logback", "xml"));
  }

  /**
   * Like {@link #configure(Variant)}, from another of the variant's files (a scenario of its own).
   */
  static LoggerContext configure(Variant variant, String resource) throws JoranException {
    URL url = Resources.url(resource);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    long since = System.currentTimeMillis();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(url);
    context.start();
    boolean errors =
        context.getStatusManager().getCopyOfStatusList().stream()
            .anyMatch(s -> s.getTimestamp() >= since && s.getEffectiveLevel() >= Status.ERROR);
    if (errors) {
      new StatusPrinter2().print(context);
      throw new IllegalStateException("Logback reported errors loading " + resource);
    }
    var appenders = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    if (!appenders.hasNext()) {
      throw new IllegalStateException(resource + " leaves the root logger without an appender");
    }
    while (appenders.hasNext()) {
      var appender = appenders.next();
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
   * Turns Logback off, for the benchmarks of the other frameworks: Logback is the SLF4J binding in
   * the bench jar, and without a configuration it prints every DEBUG line of Apache HttpClient
   * (which sentry4j's transport uses, through SLF4J) to the console, on the SDK's worker thread,
   * taking CPU from the measured thread. An application logging through JUL or Log4j 2 would not
   * have that.
   */
  static void silence() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
  }
}
