package dev.sentry4j.examples;

import dev.sentry4j.Sentry;
import dev.sentry4j.tracing.Transaction;
import java.net.SocketTimeoutException;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * An application that logs through the Log4j 2 API, with {@code <Sentry/>} in its log4j2.xml
 * ({@code log4j2-demo.xml}); one transaction shows the trace id on the console lines.
 */
final class Log4j2Demo implements Scenario {
  @Override
  public String title() {
    return "log4j2.xml with <Sentry/>: breadcrumbs, an error event with ThreadContext tags, %X{trace_id}";
  }

  @Override
  public void run() throws Exception {
    // An application has log4j2.xml on its class path and calls LogManager.getLogger(...); the demo
    // starts a Log4j context of its own from log4j2-demo.xml (Logback is this JVM's SLF4J backend).
    LoggerContext log4j =
        Configurator.initialize(
            "log4j2-demo",
            Log4j2Demo.class.getClassLoader(),
            Log4j2Demo.class.getResource("/log4j2-demo.xml").toURI());
    try {
      Logger log = log4j.getLogger("com.shop.Checkout");
      ThreadContext.put("tenant", "acme"); // a tag: listed in contextTags
      ThreadContext.put("request_id", "r-42"); // an extra
      try (Transaction checkout = Sentry.startTransaction("checkout", "task")) {
        log.debug("cart has {} items", 3); // console only: below minimumBreadcrumbLevel
        log.info("cart loaded with {} items", 3); // breadcrumb
        log.warn("payment gateway slow: {} ms", 1200); // breadcrumb
        try {
          chargeCard();
        } catch (IllegalStateException e) {
          // an event, with the marker as a tag, in the transaction's trace
          log.error(MarkerManager.getMarker("PAYMENT"), "checkout failed for order {}", "A-17", e);
        }
      }
    } finally {
      ThreadContext.clearAll();
      Configurator.shutdown(
          log4j); // stops the Sentry appender: it flushes, then closes the SDK it started
    }
  }

  private static void chargeCard() {
    throw new IllegalStateException("card declined", new SocketTimeoutException("read timed out"));
  }
}
