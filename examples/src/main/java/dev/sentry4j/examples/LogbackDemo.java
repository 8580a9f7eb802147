package dev.sentry4j.examples;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An application that only logs through SLF4J with Logback, with the Sentry appender in its
 * logback.xml ({@code logback-demo.xml}). It has no Sentry code at all.
 */
final class LogbackDemo implements Scenario {
  private static final Logger log = LoggerFactory.getLogger("com.shop.Checkout");

  @Override
  public String title() {
    return "logback.xml: breadcrumbs, an error event with MDC tags, key-value pairs and the exception";
  }

  @Override
  public void run() throws Exception {
    LogbackConfig.use("logback-demo.xml");
    try {
      MDC.put("tenant", "acme"); // a tag: listed in <contextTags>
      MDC.put("request", "r-42"); // an extra
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
      LogbackConfig
          .useDefault(); // stops the Sentry appender, which flushes and closes the SDK it started
    }
  }

  private static void chargeCard() {
    try {
      throw new SocketTimeoutException("read timed out");
    } catch (IOException e) {
      throw new IllegalStateException("card could not be charged", e);
    }
  }
}
