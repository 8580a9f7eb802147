package dev.sentry4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plays each demo as the README's first command does, against its own receiver, and checks both
 * what arrived there and what the runner printed.
 */
@Timeout(30)
class DemoTest {
  private final SentryReceiver receiver = SentryReceiver.start();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  /** Plays one demo and checks what every demo must get right; returns what the runner printed. */
  private String play(String name) {
    boolean ok = Demo.play(name, receiver, Map.of(), out);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(ok).as(text).isTrue();
    assertThat(receiver.malformed()).as(text).isEmpty();
    assertThat(text).doesNotContain("MALFORMED", "[sentry4j] WARN", "[sentry4j] ERROR");
    receiver.events().forEach(RelaySchema::assertValid);
    receiver.transactions().forEach(RelaySchema::assertValid);
    return text;
  }

  private ReceivedEvent transactionNamed(String name) {
    return receiver.transactions().stream()
        .filter(t -> name.equals(t.transaction()))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode spanWith(ReceivedEvent tx, String description) {
    return tx.spans().stream()
        .filter(s -> description.equals(s.path("description").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span '" + description + "' in " + tx.spans()));
  }

  private ReceivedEvent eventWithMessage(String message) {
    return receiver.events().stream()
        .filter(e -> message.equals(e.message()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event with the message '" + message + "'"));
  }

  private static List<String> messages(List<JsonNode> breadcrumbs) {
    return breadcrumbs.stream().map(b -> b.path("message").asText()).collect(Collectors.toList());
  }

  @Test
  void coreDemoSendsThreeEventsWithScopeDataAndTheCauseChain() {
    String text = play("core");

    assertThat(receiver.events()).hasSize(3);
    // several envelopes are in flight at once: find each event by its message, not by arrival
    ReceivedEvent hello = eventWithMessage("hello");
    assertThat(hello.tags()).containsEntry("tenant", "acme").containsEntry("color", "green");
    assertThat(eventWithMessage("hello, again").tags()).doesNotContainKey("color");
    assertThat(text)
        .contains("EVENT info    \"hello\"")
        .contains("EVENT warning \"hello, again\"")
        .contains("\"id\":\"u-17\"")
        .contains("breadcrumbs  2 (last: card authorised)")
        .contains("exception    java.lang.IllegalStateException: checkout failed for order A-17")
        .contains("caused by    java.io.UncheckedIOException: payment gateway unreachable")
        .contains("caused by    java.net.SocketTimeoutException: read timed out")
        .contains("warn  payment gateway slow  {order=A-17, latency_ms=2300}")
        .contains("CLIENT REPORT  dropped: 1 error (before_send)");
    assertThat(receiver.discarded("before_send", "error")).isEqualTo(1);
    assertThat(receiver.logs()).extracting(l -> l.traceId()).containsOnly(hello.traceId());
  }

  @Test
  void logbackDemoSendsTheErrorLineAsAnEventWithMdcTagsKeyValuesAndBreadcrumbs() {
    String text = play("logback");

    assertThat(receiver.events()).hasSize(1);
    ReceivedEvent event = receiver.events().get(0);
    assertThat(event.tags()).containsEntry("tenant", "acme");
    assertThat(event.extra().path("order").asText()).isEqualTo("A-17");
    assertThat(event.extra().path("request").asText()).isEqualTo("r-42");
    assertThat(messages(event.breadcrumbs()))
        .containsExactly("cart loaded with 3 items", "payment gateway slow: 2300 ms");
    assertThat(text)
        // the console line, with the trace id of the event (no tracing configured)
        .contains(
            "ERROR [" + event.traceId() + "] com.shop.Checkout - payment failed for order A-17")
        .contains("INFO  [" + event.traceId() + "] com.shop.Checkout - cart loaded with 3 items")
        .contains("EVENT error   \"payment failed for order A-17\"")
        .contains("caused by    java.net.SocketTimeoutException: read timed out");
  }

  @Test
  void log4j2DemoSendsTheErrorEventInTheTransactionsTraceWithThreadContextAndMarker() {
    String text = play("log4j2");

    String traceId = transactionNamed("checkout").traceId();
    assertThat(receiver.events()).hasSize(1);
    ReceivedEvent event = receiver.events().get(0);
    assertThat(event.traceId()).isEqualTo(traceId);
    assertThat(event.logger()).isEqualTo("com.shop.Checkout");
    assertThat(event.tags()).containsEntry("tenant", "acme").containsEntry("marker", "PAYMENT");
    assertThat(event.extra().path("request_id").asText()).isEqualTo("r-42");
    assertThat(messages(event.breadcrumbs()))
        .containsExactly("cart loaded with 3 items", "payment gateway slow: 1200 ms");
    assertThat(text)
        .contains(
            "DEBUG [" + traceId + "] Checkout - cart has 3 items") // %X{trace_id} on the console
        .contains("ERROR [" + traceId + "] Checkout - checkout failed for order A-17")
        .contains("caused by    java.net.SocketTimeoutException: read timed out")
        .contains(
            "TRACE "
                + traceId
                + "  (1 transaction, 1 event, 0 log items, 4 console lines with this id)");
  }

  @Test
  void julDemoLinksItsConsoleLinesEventAndTransactionByTraceId() {
    String text = play("jul");

    ReceivedEvent run = transactionNamed("invoice run");
    String traceId = run.traceId();
    assertThat(receiver.events()).hasSize(1);
    ReceivedEvent event = receiver.events().get(0);
    assertThat(event.traceId()).isEqualTo(traceId);
    assertThat(event.spanId()).isEqualTo(spanWith(run, "globex").path("span_id").asText());
    assertThat(spanWith(run, "globex").path("status").asText()).isEqualTo("unavailable");
    assertThat(messages(event.breadcrumbs()))
        .containsExactly(
            "invoice run starting", "2 invoices due", "mail server busy, retrying once");
    assertThat(text)
        .contains("SEVERE  [" + traceId + "] com.shop.Invoices - invoice for globex not sent")
        .contains(
            "TRACE "
                + traceId
                + "  (1 transaction, 1 event, 0 log items, 3 console lines with this id)");
  }

  @Test
  void mdcDemoPrintsEachLinesTraceAndSpanAlsoOnPoolThreadsWithTheMdcCarriedOver() {
    String text = play("mdc");

    ReceivedEvent report = transactionNamed("monthly report");
    String traceId = report.traceId();
    String rootSpan = report.contexts().path("trace").path("span_id").asText();
    String emea = spanWith(report, "count orders in emea").path("span_id").asText();
    String apac = spanWith(report, "count orders in apac").path("span_id").asText();
    assertThat(text)
        .contains("[" + traceId + "," + rootSpan + "] main            tenant=acme - report started")
        .contains("[" + traceId + "," + emea + "] report-worker-")
        .contains("tenant=acme - counting orders in emea")
        .contains("[" + traceId + "," + apac + "] report-worker-")
        .contains(
            "["
                + traceId
                + ","
                + rootSpan
                + "] main            tenant=acme - report done: 42 orders");

    assertThat(receiver.events()).hasSize(1);
    ReceivedEvent failure = receiver.events().get(0);
    assertThat(failure.traceId()).isEqualTo(traceId);
    assertThat(failure.spanId()).isEqualTo(apac);
    assertThat(failure.tags())
        .containsEntry("tenant", "acme"); // the MDC, carried to the pool thread
    assertThat(failure.extra().path("thread_name").asText()).startsWith("report-worker-");
  }

  @Test
  void shopDemoContinuesTheTraceAcrossHttpAndLinksTheFailedRequestsEvent() {
    String text = play("shop");

    ReceivedEvent checkout = transactionNamed("checkout");
    String traceId = checkout.traceId();
    List<ReceivedEvent> server =
        receiver.transactions().stream()
            .filter(t -> "GET /orders/{id}".equals(t.transaction()))
            .collect(Collectors.toList());
    assertThat(server).hasSize(2);
    for (ReceivedEvent tx : server) {
      assertThat(tx.traceId()).isEqualTo(traceId);
      assertThat(tx.spans()).extracting(s -> s.path("op").asText()).containsExactly("db.query");
    }
    // Each server transaction hangs under the client span that made its request.
    List<String> clientSpans =
        checkout.spans().stream()
            .filter(s -> "http.client".equals(s.path("op").asText()))
            .map(s -> s.path("span_id").asText())
            .collect(Collectors.toList());
    assertThat(server)
        .extracting(tx -> tx.contexts().path("trace").path("parent_span_id").asText())
        .containsExactlyInAnyOrderElementsOf(clientSpans);

    // Sentry Logs (enableLogs in logback-shop.xml): every INFO+ line, in the same trace
    assertThat(receiver.logs()).hasSize(6).extracting(l -> l.traceId()).containsOnly(traceId);

    assertThat(receiver.events()).hasSize(1);
    ReceivedEvent failure = receiver.events().get(0);
    assertThat(failure.traceId()).isEqualTo(traceId);
    assertThat(failure.tags()).containsEntry("order", "B-99");
    // The request's own isolation scope: the other request's breadcrumbs are not there.
    assertThat(messages(failure.breadcrumbs())).containsExactly("looking up order B-99");
    assertThat(failure.exceptions())
        .extracting(x -> x.path("type").asText())
        .containsExactly("SQLTransientConnectionException", "IllegalStateException");
    assertThat(text)
        .contains("ERROR [" + traceId + "] com.shop.Orders  order lookup failed for B-99")
        .contains(
            "TRACE "
                + traceId
                + "  (3 transactions, 1 event, 6 log items, 6 console lines with this id)")
        .contains("● EVENT error \"order lookup failed for B-99\"");
  }

  @Test
  void spotlightGetsACopyOfEveryEnvelope() {
    try (SentryReceiver spotlight = SentryReceiver.start()) {
      // The fake Spotlight is a second receiver; it takes the key from the query string.
      Map<String, String> properties =
          Map.of(
              "sentry.spotlight",
              "true",
              "sentry.spotlight-url",
              spotlight.endpoint() + "?sentry_key=testkey");
      assertThat(Demo.play("core", receiver, properties, out)).isTrue();

      assertThat(spotlight.events())
          .extracting(ReceivedEvent::eventId)
          .containsExactlyInAnyOrderElementsOf(
              receiver.events().stream().map(ReceivedEvent::eventId).collect(Collectors.toList()));
      assertThat(spotlight.malformed()).isEmpty();
    }
  }

  @Test
  void unknownDemoNameIsAClearError() throws Exception {
    int failures = Demo.run("nope", null, false, out);
    assertThat(failures).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Unknown demo 'nope'");
  }
}
