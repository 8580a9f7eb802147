package dev.sentry4j.examples;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.PrintStream;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** An application that only logs through SLF4J/Logback, with the Sentry appender in its logback.xml. */
final class LogbackDemo implements Scenario {
  @Override
  public String title() {
    return "Logback: breadcrumbs, an error event with MDC tags, key-value pairs and the exception";
  }

  @Override
  public void run(String dsn, PrintStream out) throws JoranException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    configure(context, "logback-demo.xml", dsn);
    try {
      Logger log = LoggerFactory.getLogger("com.shop.Checkout");
      MDC.put("tenant", "acme");
      MDC.put("request", "r-42");
      log.debug("not sent: below minimumBreadcrumbLevel");
      log.info("cart loaded with {} items", 3);
      log.warn("payment gateway slow: {} ms", 2300);
      try {
        chargeCard();
      } catch (IllegalStateException e) {
        log.atError()
            .addKeyValue("order", "A-17")
            .addKeyValue("amount", 59.90)
            .setCause(e)
            .log("payment failed for order {}", "A-17");
      }
    } finally {
      MDC.clear();
      // Stopping Logback stops the appender, which flushes and closes the SDK it started.
      configure(context, "logback.xml", dsn);
    }
  }

  private static void configure(LoggerContext context, String resource, String dsn) throws JoranException {
    context.reset();
    context.putProperty("SENTRY_DSN", dsn);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL url = LogbackDemo.class.getResource("/" + resource);
    configurator.doConfigure(url);
  }

  private static void chargeCard() {
    try {
      throw new java.net.SocketTimeoutException("read timed out");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("card could not be charged", e);
    }
  }
}
