package dev.sentry4j.jul;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * A short-lived application logging through java.util.logging ({@code jul-exit.properties}; the
 * LogManager's shutdown hook closes the handler at exit): five errors, the line {@code LAST}, then
 * {@code main} returns.
 */
public final class ExitChild {
  private ExitChild() {}

  /**
   * Runs the application.
   *
   * @param args unused
   * @throws IOException if the configuration cannot be read
   */
  public static void main(String[] args) throws IOException {
    try (InputStream config = ExitChild.class.getResourceAsStream("jul-exit.properties")) {
      LogManager.getLogManager().readConfiguration(config);
    }
    Logger log = Logger.getLogger("com.shop.Checkout");
    for (int i = 0; i < 5; i++) {
      log.log(Level.SEVERE, "order " + i + " failed", new IllegalStateException("card declined"));
    }
    System.out.println("LAST");
  }
}
