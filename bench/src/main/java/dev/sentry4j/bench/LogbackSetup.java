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
   *     appender (a silent misconfiguration would make a variant look free)
   */
  static LoggerContext configure(Variant variant) throws JoranException {
    String resource = variant.resource("logback", "xml");
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
    if (!context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()) {
      throw new IllegalStateException(resource + " leaves the root logger without an appender");
    }
    return context;
  }
}
