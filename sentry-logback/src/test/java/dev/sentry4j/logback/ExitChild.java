package dev.sentry4j.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short-lived application logging through Logback ({@code logback-exit.xml}, with {@code
 * <shutdownHook/>}): five errors, the line {@code LAST}, then {@code main} returns.
 */
public final class ExitChild {
  private ExitChild() {}

  /**
   * Runs the application.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger("com.shop.Checkout");
    for (int i = 0; i < 5; i++) {
      log.error("order {} failed", i, new IllegalStateException("card declined"));
    }
    System.out.println("LAST");
  }
}
