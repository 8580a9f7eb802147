package dev.sentry4j.examples;

import dev.sentry4j.Sentry;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * A batch job that logs through java.util.logging, configured by {@code logging-demo.properties}:
 * the Sentry handler next to the console, whose {@code TraceFormatter} prints the trace id.
 */
final class JulDemo implements Scenario {
  private static final Logger log = Logger.getLogger("com.shop.Invoices");

  @Override
  public String title() {
    return "logging.properties (JUL): breadcrumbs, an error event and trace ids on the console lines";
  }

  @Override
  public void run() throws IOException {
    try (InputStream in = JulDemo.class.getResourceAsStream("/logging-demo.properties")) {
      LogManager.getLogManager().readConfiguration(in);
    }
    try {
      // JUL creates its handlers at the first log call; the Sentry handler then starts the SDK.
      log.info("invoice run starting");
      try (Transaction run = Sentry.startTransaction("invoice run", "task")) {
        List<String> customers = List.of("acme", "globex");
        log.log(Level.INFO, "{0} invoices due", customers.size());
        for (String customer : customers) {
          try (Span span = Sentry.startSpan("invoice.send", customer)) {
            try {
              send(customer);
              log.log(Level.FINE, "invoice sent to {0}", customer); // console only: below INFO
            } catch (IllegalStateException e) {
              span.setStatus(SpanStatus.UNAVAILABLE);
              log.log(
                  Level.SEVERE,
                  "invoice for " + customer + " not sent",
                  e); // an event in this trace
            }
          }
        }
      }
    } finally {
      // Back to the JDK's default configuration; closing the Sentry handler flushes and closes the
      // SDK.
      LogManager.getLogManager().readConfiguration();
    }
  }

  private static void send(String customer) {
    if (customer.equals("globex")) {
      log.warning("mail server busy, retrying once");
      throw new IllegalStateException(
          "mail to " + customer + " failed", new ConnectException("Connection refused: smtp:25"));
    }
  }
}
