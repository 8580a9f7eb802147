package dev.sentry4j.examples;

import dev.sentry4j.Sentry;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.User;
import dev.sentry4j.scope.ScopeToken;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Map;

/** The core API, as a user of {@code dev.sentry4j.Sentry} writes it. */
final class CoreApiDemo implements Scenario {
  @Override
  public String title() {
    return "the core API: scopes, breadcrumbs, messages and an exception with its cause";
  }

  @Override
  public void run() {
    // The DSN comes from SENTRY_DSN (or -Dsentry.dsn, or sentry.properties); options.setDsn(...)
    // works too.
    Sentry.init(
        options -> {
          options.setEnvironment("demo");
          options.setRelease("shop@1.4.2");
          options.setEnableLogs(true); // for Sentry.logger()
          // Drop the uptime checker's events; Sentry learns how many in a client report.
          options.setBeforeSend(
              (event, hint) -> event.getTags().containsKey("synthetic") ? null : event);
        });
    try {
      Sentry.setTag("tenant", "acme");
      Sentry.setUser(User.builder().id("u-17").email("jane@example.com").build());
      Sentry.setContext("cart", Map.of("items", 3, "total", 59.90));
      Sentry.addBreadcrumb("cart loaded");
      Sentry.addBreadcrumb(
          Breadcrumb.builder().category("payment").message("card authorised").build());
      try (ScopeToken ignored = Sentry.newScope()) {
        Sentry.setTag("color", "green"); // only inside this block
        Sentry.captureMessage("hello");
      }
      Sentry.captureMessage("hello, again", Level.WARNING);
      Sentry.captureMessage("health check", scope -> scope.setTag("synthetic", "true")); // dropped
      // Sentry Logs: structured log lines, searchable in Sentry next to the errors of their trace
      Sentry.logger().info("cart %s loaded", "c-9");
      Sentry.logger()
          .atWarn()
          .attribute("order", "A-17")
          .attribute("latency_ms", 2300)
          .log("payment gateway slow");
      try {
        checkout();
      } catch (IllegalStateException e) {
        System.out.println("checkout failed, sent as event " + Sentry.captureException(e));
      }
    } finally {
      Sentry.close(); // sends what is queued (within shutdownTimeout) and turns the SDK off
    }
  }

  private static void checkout() {
    try {
      chargeCard();
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("checkout failed for order A-17", e);
    }
  }

  private static void chargeCard() {
    throw new UncheckedIOException(
        "payment gateway unreachable", new SocketTimeoutException("read timed out"));
  }
}
