package dev.sentry4j.examples;

import dev.sentry4j.Sentry;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small shop in two services: the storefront calls the orders service over HTTP, and one trace
 * follows the request across. Sentry is configured in {@code logback-shop.xml} (tracing on); the
 * code uses the tracing API and logs through SLF4J.
 */
final class ShopDemo implements Scenario {
  private static final Logger log = LoggerFactory.getLogger("com.shop.Storefront");

  @Override
  public String title() {
    return "an HTTP shop: a trace across two services, a DB span, breadcrumbs, a failed request";
  }

  @Override
  public void run() throws Exception {
    LogbackConfig.use("logback-shop.xml");
    try (OrdersService orders = new OrdersService()) {
      HttpClient http = HttpClient.newHttpClient();
      try (Transaction checkout = Sentry.startTransaction("checkout", "ui.action")) {
        log.info("checkout started");
        fetch(http, orders.uri().resolve("/orders/A-17"));
        fetch(http, orders.uri().resolve("/orders/B-99")); // the orders service fails on this one
      }
    } finally {
      LogbackConfig.useDefault(); // stops the Sentry appender: it flushes and closes the SDK
    }
  }

  /**
   * An outgoing call: a child span, and the trace headers that let the other side continue the
   * trace.
   */
  private static void fetch(HttpClient http, URI uri) throws Exception {
    try (Span call = Sentry.startSpan("http.client", "GET " + uri.getPath())) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri);
      Sentry.getTraceHeaders(uri.toString(), null)
          .forEach(request::header); // sentry-trace, baggage
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      call.setData("http.response.status_code", response.statusCode());
      if (response.statusCode() >= 500) {
        call.setStatus(SpanStatus.INTERNAL_ERROR);
        log.warn("GET {} answered {}", uri.getPath(), response.statusCode());
      } else {
        log.info("GET {} answered {}", uri.getPath(), response.statusCode());
      }
    }
  }
}
