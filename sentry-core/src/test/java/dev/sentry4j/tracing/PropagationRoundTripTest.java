package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.internal.scope.Scopes;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our outgoing headers, continued by a second SDK instance (own scopes, client and receiver). */
class PropagationRoundTripTest extends ReceiverTest {

  @Test
  @Timeout(30)
  void aSecondServiceContinuesOurTraceWithTheSameDscAndDecision() throws Exception {
    init(o -> o.setTracesSampleRate(1.0).setEnvironment("service-a"));
    ExecutorService serviceB = Executors.newSingleThreadExecutor();
    try (SentryReceiver receiverB = SentryReceiver.start()) {
      DefaultSentryClient clientB =
          DefaultSentryClient.create(
              SentryOptions.builder()
                  .setDsn(receiverB.dsn())
                  .setTracesSampleRate(0.0) // B would not sample on its own: the decision is A's
                  .setEnvironment("service-b")
                  .build());
      Scope globalB = new Scope(Scope.Kind.GLOBAL);
      Scopes scopesB = Scopes.forThread(globalB, clientB);

      String traceA;
      String callSpanId;
      Map<String, String> outgoing;
      try (Transaction a =
          Sentry.startTransaction(
              "GET /checkout",
              "http.server",
              TransactionOptions.builder().setSource(TransactionSource.ROUTE).build())) {
        traceA = a.getTraceId();
        try (Span call = Sentry.startSpan("http.client", "GET http://service-b/stock")) {
          callSpanId = call.getSpanId();
          outgoing = Sentry.getTraceHeaders("http://service-b/stock", "vendor=abc");
          Map<String, String> incoming = Map.copyOf(outgoing);
          String[] seenByB =
              serviceB
                  .submit(
                      () -> {
                        try (Transaction b =
                            scopesB.continueTrace(incoming, "http.server", "GET /stock")) {
                          assertThat(scopesB.getBaggage()).doesNotContain("vendor");
                          Sentry.captureMessage(
                              "stock checked in B"); // thread B's scopes: B's client
                          return new String[] {
                            b.getTraceId(), b.getParentSpanId(), String.valueOf(b.isSampled())
                          };
                        }
                      })
                  .get(20, TimeUnit.SECONDS);
          assertThat(seenByB[0]).isEqualTo(traceA);
          assertThat(seenByB[1]).isEqualTo(callSpanId);
          assertThat(seenByB[2]).isEqualTo("true");
        }
      }
      assertThat(outgoing.get("sentry-trace")).isEqualTo(traceA + "-" + callSpanId + "-1");
      assertThat(outgoing.get("baggage")).startsWith("vendor=abc,sentry-trace_id=" + traceA);
      assertThat(outgoing).doesNotContainKey("traceparent"); // propagateTraceparent is off

      ReceivedEvent txA = oneTransaction();
      ReceivedEvent txB = receiverB.awaitTransactions(1, WAIT).get(0);
      ReceivedEvent eventB = receiverB.awaitEvents(1, WAIT).get(0);
      RelaySchema.assertValidTransaction(txB.json());
      RelaySchema.assertValidEvent(eventB.json());
      assertThat(txB.traceId()).isEqualTo(traceA);
      assertThat(txB.contexts().get("trace").get("parent_span_id").asText()).isEqualTo(callSpanId);
      assertThat(txB.json().get("environment").asText()).isEqualTo("service-b");
      assertThat(eventB.traceId()).isEqualTo(traceA);
      JsonNode dscA = txA.envelope().header().get("trace");
      assertThat(dscA.get("environment").asText()).isEqualTo("service-a");
      assertThat(dscA.get("transaction").asText()).isEqualTo("GET /checkout");
      assertThat(txB.envelope().header().get("trace")).isEqualTo(dscA);
      assertThat(eventB.envelope().header().get("trace")).isEqualTo(dscA);
      assertThat(receiverB.malformed()).isEmpty();
      clientB.close(Duration.ofSeconds(2));
    } finally {
      serviceB.shutdownNow();
    }
  }

  @Test
  void w3cTraceparentIsAddedWhenConfiguredAndTargetsFilterUrls() {
    init(
        o ->
            o.setTracesSampleRate(1.0)
                .setPropagateTraceparent(true)
                .setTracePropagationTargets(
                    java.util.List.of("api.example.com", "^https://internal\\..*")));
    try (Transaction tx = Sentry.startTransaction("job", "task")) {
      Map<String, String> headers = Sentry.getTraceHeaders("https://api.example.com/v1", null);
      assertThat(headers.get("traceparent"))
          .isEqualTo("00-" + tx.getTraceId() + "-" + tx.getSpanId() + "-01");
      assertThat(Sentry.getTraceHeaders("https://internal.corp/x", null))
          .containsKey("sentry-trace");
      assertThat(Sentry.getTraceHeaders("https://elsewhere.org/", null)).isEmpty();
    }
  }
}
