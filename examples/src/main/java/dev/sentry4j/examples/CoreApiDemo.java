package dev.sentry4j.examples;

import dev.sentry4j.Level;
import dev.sentry4j.Sentry;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.User;
import dev.sentry4j.scope.ScopeToken;
import java.io.PrintStream;
import java.util.Map;

/** The core API, as a user of {@code dev.sentry4j.Sentry} writes it. */
final class CoreApiDemo implements Scenario {
  @Override
  public String title() {
    return "the core API: scopes, breadcrumbs, messages and an exception with its cause";
  }

  @Override
  public void run(String dsn, PrintStream out) {
    Sentry.init(
        options -> {
          options.setDsn(dsn);
          options.setEnvironment("demo");
          options.setRelease("shop@1.4.2");
        });
    try {
      Sentry.setTag("tenant", "acme");
      Sentry.setUser(User.builder().id("u-17").email("jane@example.com").build());
      Sentry.setContext("cart", Map.of("items", 3, "total", 59.90));
      Sentry.addBreadcrumb("cart loaded");
      Sentry.addBreadcrumb(Breadcrumb.builder().category("payment").message("card authorised").build());
      try (ScopeToken ignored = Sentry.newScope()) {
        Sentry.setTag("color", "green");
        Sentry.captureMessage("hello");
      }
      Sentry.captureMessage("hello, again", Level.WARNING);
      try {
        checkout();
      } catch (IllegalStateException e) {
        out.println("checkout failed, event " + Sentry.captureException(e));
      }
    } finally {
      Sentry.close();
    }
  }

  private static void checkout() {
    try {
      chargeCard();
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalStateException("checkout failed for order A-17", e);
    }
  }

  private static void chargeCard() {
    throw new java.io.UncheckedIOException(
        "payment gateway unreachable", new java.net.SocketTimeoutException("read timed out"));
  }
}
