package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.internal.tracing.Baggage;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tracing behaviours checked against the Python SDK's (the reference of this project): propagation
 * targets, Sentry's own host, standalone spans, lenient incoming headers, the DSC's sample_rate,
 * set_transaction_name, transaction_info and origin on errors, and Sentry.trace.
 */
class PythonSemanticsTest extends ReceiverTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String PARENT = "b0e6f15b45c36b12";
  private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void propagationTargetsAreSearchedInTheUrlAsRegexesOrSubstrings() {
    init(
        o ->
            o.setTracesSampleRate(1.0)
                .setTracePropagationTargets(List.of("^/api", "myApi.com/v[2-4]", "plain.host")));
    try (Transaction tx = Sentry.startTransaction("t", "task")) {
      assertThat(Sentry.getTraceHeaders("/api/users", null)).containsKey("sentry-trace");
      assertThat(Sentry.getTraceHeaders("https://myApi.com/v3/orders", null))
          .containsKey("baggage");
      assertThat(Sentry.getTraceHeaders("http://plain.host:8080/x", null))
          .containsKey("sentry-trace");
      assertThat(Sentry.getTraceHeaders("/v1/api/users", null)).isEmpty(); // ^ anchors
      assertThat(Sentry.getTraceHeaders("https://myApi.com/v5/orders", null)).isEmpty();
      assertThat(Sentry.getTraceHeaders("https://other.example/", null)).isEmpty();
    }
  }

  @Test
  void requestsToSentrysOwnHostNeverGetTraceHeaders() {
    init(o -> o.setTracesSampleRate(1.0));
    URI envelope = URI.create(receiver.dsn().replaceFirst("//[^@]*@", "//"));
    String sentryUrl =
        "http://" + envelope.getHost() + ":" + envelope.getPort() + "/api/1/envelope/";
    try (Transaction tx = Sentry.startTransaction("t", "task")) {
      assertThat(Sentry.getTraceHeaders(sentryUrl, null)).isEmpty();
      assertThat(Sentry.getTraceHeaders("http://" + envelope.getHost() + ":1/other", null))
          .as("same host, other port: not Sentry")
          .containsKey("sentry-trace");
    }
  }

  @Test
  void aSpanOfNoTransactionAddsNoTraceHeadersButOneInsideATransactionDoes() {
    init(o -> o.setTracesSampleRate(1.0));
    try (Span standalone = Sentry.startSpan("http.client")) {
      assertThat(Sentry.getCurrentSpan()).isSameAs(standalone);
      assertThat(Sentry.getTraceHeaders("https://api.example/", null)).isEmpty();
    }
    try (Transaction tx = Sentry.startTransaction("t", "task");
        Span child = Sentry.startSpan("http.client")) {
      Map<String, String> headers = Sentry.getTraceHeaders("https://api.example/", null);
      assertThat(headers.get("sentry-trace"))
          .isEqualTo(tx.getTraceId() + "-" + child.getSpanId() + "-1");
    }
  }

  @Test
  void aCommaJoinedSentryTraceContinuesTheFirstValidValue() {
    init(o -> o.setTracesSampleRate(1.0));
    Map<String, String> headers =
        Map.of(
            "sentry-trace",
            "garbage, " + TRACE + "-" + PARENT + "-1," + OTHER_TRACE + "-" + PARENT + "-0");
    try (Transaction tx = Sentry.continueTrace(headers, "http.server", "joined")) {
      assertThat(tx.getTraceId()).isEqualTo(TRACE);
      assertThat(tx.getParentSpanId()).isEqualTo(PARENT);
      assertThat(tx.isSampled()).isTrue();
    }
    assertThat(oneTransaction().traceId()).isEqualTo(TRACE);
  }

  @Test
  void aBaggageOfAnotherTraceDropsOnlyItsSamplingContext() {
    init(o -> o.setTracesSampleRate(1.0));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("sentry-trace", TRACE + "-" + PARENT + "-1");
    headers.put(
        "baggage",
        "sentry-trace_id=" + OTHER_TRACE + ",sentry-public_key=upstream,sentry-release=up@1");
    try (Transaction tx = Sentry.continueTrace(headers, "http.server", "mismatch")) {
      assertThat(tx.getTraceId()).isEqualTo(TRACE);
      assertThat(tx.getParentSpanId()).isEqualTo(PARENT);
      Map<String, String> dsc = Baggage.parseSentryMembers(Sentry.getBaggage());
      assertThat(dsc)
          .containsEntry("trace_id", TRACE)
          .doesNotContainEntry("public_key", "upstream");
      assertThat(dsc).containsEntry("release", "shop@1.4.2");
    }
    assertThat(oneTransaction().envelope().header().get("trace").get("trace_id").asText())
        .isEqualTo(TRACE);
  }

  @Test
  void theDscSampleRateBecomesTheRateOfTheDecisionMadeHere() {
    init(o -> o.setTracesSampleRate(1.0));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("sentry-trace", TRACE + "-" + PARENT); // deferred: this service decides
    headers.put(
        "baggage",
        "sentry-trace_id="
            + TRACE
            + ",sentry-public_key=upstream,sentry-sample_rate=0.25,"
            + "sentry-sample_rand=0.118307");
    try (Transaction tx = Sentry.continueTrace(headers, "http.server", "decided here")) {
      assertThat(tx.isSampled()).isTrue();
      assertThat(Baggage.parseSentryMembers(Sentry.getBaggage()))
          .containsEntry("sample_rate", "1.0")
          .containsEntry("public_key", "upstream")
          .containsEntry("sample_rand", "0.118307");
    }
    JsonNode trace = oneTransaction().envelope().header().get("trace");
    assertThat(trace.get("sample_rate").asText()).isEqualTo("1.0");
  }

  @Test
  void anInheritedDecisionKeepsTheUpstreamSampleRate() {
    init(o -> o.setTracesSampleRate(1.0));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("sentry-trace", TRACE + "-" + PARENT + "-1");
    headers.put(
        "baggage", "sentry-trace_id=" + TRACE + ",sentry-sample_rate=0.25,sentry-sample_rand=0.1");
    try (Transaction tx = Sentry.continueTrace(headers, "http.server", "inherited")) {
      assertThat(Baggage.parseSentryMembers(Sentry.getBaggage()))
          .containsEntry("sample_rate", "0.25");
    }
  }

  @Test
  void setTransactionNameRenamesTheRunningTransactionAndErrorsCarryItsInfoAndOrigin() {
    init(o -> o.setTracesSampleRate(1.0));
    try (Transaction tx =
        Sentry.startTransaction(
            "/orders/42",
            "http.server",
            TransactionOptions.builder().setSource(TransactionSource.URL).build())) {
      Sentry.getCurrentScope().setTransactionName("GET /orders/{id}", TransactionSource.ROUTE);
      assertThat(tx.getName()).isEqualTo("GET /orders/{id}");
      try (Span db = Sentry.startSpan("db.query")) {
        Sentry.captureException(new IllegalStateException("inside"));
      }
    }
    ReceivedEvent error = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValidEvent(error.json());
    assertThat(error.transaction()).isEqualTo("GET /orders/{id}");
    assertThat(error.json().get("transaction_info").get("source").asText()).isEqualTo("route");
    assertThat(error.contexts().get("trace").get("origin").asText()).isEqualTo("manual");
    ReceivedEvent t = oneTransaction();
    assertThat(t.transaction()).isEqualTo("GET /orders/{id}");
    assertThat(t.json().get("transaction_info").get("source").asText()).isEqualTo("route");
  }

  @Test
  void setTransactionNameWithoutSourceKeepsTheTransactionsSource() {
    init(o -> o.setTracesSampleRate(1.0));
    try (Transaction tx = Sentry.startTransaction("first", "task")) {
      Sentry.getCurrentScope().setTransactionName("second");
      assertThat(tx.getName()).isEqualTo("second");
      assertThat(tx.getSource()).isEqualTo(TransactionSource.CUSTOM);
      Sentry.captureMessage("inside");
    }
    ReceivedEvent error = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(error.transaction()).isEqualTo("second");
    assertThat(error.json().get("transaction_info").get("source").asText()).isEqualTo("custom");
    assertThat(oneTransaction().transaction()).isEqualTo("second");
  }

  @Test
  void traceMarksTheSpanInternalErrorAndRethrowsWhatTheCodeThrew() throws Exception {
    init(o -> o.setTracesSampleRate(1.0));
    IllegalStateException boom = new IllegalStateException("boom");
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      assertThat(Sentry.trace("db.query", "select 1", () -> 42)).isEqualTo(42);
      assertThatThrownBy(
              () ->
                  Sentry.trace(
                      "db.query",
                      "select 2",
                      () -> {
                        throw boom;
                      }))
          .isSameAs(boom);
      assertThatThrownBy(
              () ->
                  Sentry.trace(
                      "cache.get",
                      "k",
                      (Runnable)
                          () -> {
                            throw new AssertionError("an Error too");
                          }))
          .isInstanceOf(AssertionError.class);
      assertThat(Sentry.getCurrentSpan())
          .as("every span ended, the transaction is current")
          .isSameAs(tx);
    }
    List<JsonNode> spans = oneTransaction().spans();
    assertThat(spans).hasSize(3);
    assertThat(spans.get(0).get("status").asText()).isEqualTo("ok");
    assertThat(spans.get(1).get("description").asText()).isEqualTo("select 2");
    assertThat(spans.get(1).get("status").asText()).isEqualTo("internal_error");
    assertThat(spans.get(2).get("status").asText()).isEqualTo("internal_error");
  }
}
