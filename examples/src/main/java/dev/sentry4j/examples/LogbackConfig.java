package dev.sentry4j.examples;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Swaps Logback's configuration. An application has one logback.xml; the runner plays several demos
 * in one JVM, so each Logback demo loads its own file and puts the everyday one back afterwards.
 */
final class LogbackConfig {
  private LogbackConfig() {}

  /** Replaces the running configuration with the classpath resource {@code resource}. */
  static void use(String resource) throws JoranException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    // reset() stops the appenders; a Sentry appender flushes and closes the SDK it started.
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogbackConfig.class.getResource("/" + resource));
  }

  /** Goes back to the everyday logback.xml (console only). */
  static void useDefault() throws JoranException {
    use("logback.xml");
  }
}
