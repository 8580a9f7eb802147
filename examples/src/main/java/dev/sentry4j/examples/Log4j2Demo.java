package dev.sentry4j.examples;

import java.io.PrintStream;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/** A {@code log4j2.xml} with {@code <Sentry/>}: the application only logs. */
final class Log4j2Demo implements Scenario {
  @Override
  public String title() {
    return "log4j2.xml with <Sentry/>: errors become events, lower lines breadcrumbs, ThreadContext tags";
  }

  @Override
  public void run(String dsn, PrintStream out) throws Exception {
    System.setProperty("demo.sentry.dsn", dsn); // log4j2-demo.xml reads ${sys:demo.sentry.dsn}
    LoggerContext log4j =
        Configurator.initialize(
            "log4j2-demo",
            Log4j2Demo.class.getClassLoader(),
            Log4j2Demo.class.getResource("/log4j2-demo.xml").toURI());
    try {
      Logger log = log4j.getLogger("com.acme.shop.Checkout");
      ThreadContext.put("tenant", "acme");
      ThreadContext.put("request_id", "r-42");
      log.debug("cart has {} items", 3); // below minimumBreadcrumbLevel: console only
      log.info("cart loaded with {} items", 3); // breadcrumb
      log.warn("payment gateway slow: {} ms", 1200); // breadcrumb
      log.error(
          MarkerManager.getMarker("PAYMENT"),
          "checkout failed for order {}",
          "A-17",
          new IllegalStateException(
              "card declined", new java.net.SocketTimeoutException("read timed out"))); // event
    } finally {
      ThreadContext.clearAll();
      Configurator.shutdown(log4j); // the Sentry appender flushes, then closes the SDK it started
      System.clearProperty("demo.sentry.dsn");
    }
  }
}
