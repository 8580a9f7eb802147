package dev.sentry4j.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A short-lived application logging through Log4j 2 ({@code log4j2-exit.xml}; Log4j's own shutdown
 * hook stops the appender at exit): five errors, the line {@code LAST}, then {@code main} returns.
 */
public final class ExitChild {
  private ExitChild() {}

  /**
   * Runs the application.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Logger log = LogManager.getLogger("com.shop.Checkout");
    for (int i = 0; i < 5; i++) {
      log.error("order {} failed", i, new IllegalStateException("card declined"));
    }
    System.out.println("LAST");
  }
}
