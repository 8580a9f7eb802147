package dev.sentry4j.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Loads a variant's JUL properties into the LogManager of this JVM. */
final class JulSetup {

  private JulSetup() {}

  /**
   * Reads {@code jul-<variant>.properties}, replaces {@code ${SENTRY_BENCH_DSN}} with the current
   * value of that system property (JUL has no substitution of its own), and makes it the LogManager
   * configuration. Root handlers are created at once rather than on the first log call, so that SDK
   * start-up is not timed by the first benchmark iteration.
   *
   * @throws IllegalStateException if the file is missing or the root logger ends up without a
   *     handler (JUL only prints "Can't load log handler" and carries on), or with another
   *     variant's
   */
  static void configure(Variant variant) throws IOException {
    String resource = variant.resource("jul", "properties");
    LogbackSetup.silence();
    String text;
    try (InputStream in = Resources.url(resource).openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    String dsn = System.getProperty(BenchDsn.PROPERTY, "");
    text = text.replace("${" + BenchDsn.PROPERTY + "}", dsn);
    LogManager.getLogManager()
        .readConfiguration(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    Handler[] handlers = Logger.getLogger("").getHandlers();
    if (handlers.length == 0) {
      throw new IllegalStateException(resource + " leaves the root logger without a handler");
    }
    for (Handler handler : handlers) {
      if (!variant.owns(handler)) {
        throw new IllegalStateException(
            resource
                + ": root handler "
                + handler.getClass().getName()
                + " is not "
                + variant.id
                + "'s");
      }
    }
  }

  /** Closes the handlers (sentry-java's JUL handler closes its SDK here) and resets JUL. */
  static void stop() {
    LogManager.getLogManager().reset();
  }
}
