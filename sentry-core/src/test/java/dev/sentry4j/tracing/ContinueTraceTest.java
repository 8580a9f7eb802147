package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.internal.tracing.Baggage;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContinueTraceTest extends ReceiverTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String PARENT = "b0e6f15b45c36b12";
  private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String OTHER_PARENT = "00f067aa0ba902b7";

  @Test
  void continuesSentryTraceWithBaggageAndLinksEverything() {
    init(o -> o.setTracesSampleRate(1.0));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Sentry-Trace", TRACE + "-" + PARENT + "-1");
    headers.put(
        "BAGGAGE",
        "vendor=abc,sentry-trace_id="
            + TRACE
            + ",sentry-public_key=upstreamkey,"
            + "sentry-release=up%401.0,sentry-environment=upstream,sentry-transaction=GET%20%2Fcart,"
            + "sentry-sample_rate=0.25,sentry-sample_rand=0.118307,sentry-sampled=true");
    try (Transaction tx = Sentry.continueTrace(headers, "http.server", "GET /orders/{id}")) {
      assertThat(tx.getTraceId()).isEqualTo(TRACE);
      assertThat(tx.getParentSpanId()).isEqualTo(PARENT);
      assertThat(tx.isSampled()).isTrue();
      try (Span db = Sentry.startSpan("db.query", "select 1")) {
        assertThat(Sentry.getTraceparent()).isEqualTo(TRACE + "-" + db.getSpanId() + "-1");
        String baggage = Sentry.getBaggage();
        assertThat(baggage).doesNotContain("vendor"); // third-party members are never forwarded
        assertThat(Baggage.parseSentryMembers(baggage))
            .containsEntry("public_key", "upstreamkey")
            .containsEntry("release", "up@1.0")
            .containsEntry("transaction", "GET /cart")
            .containsEntry("sample_rand", "0.118307");
        Sentry.captureException(new IllegalStateException("linked"));
      }
    }
    ReceivedEvent error = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValidEvent(error.json());
    assertThat(error.traceId()).isEqualTo(TRACE);
    ReceivedEvent t = oneTransaction();
    assertThat(t.traceId()).isEqualTo(TRACE);
    assertThat(t.contexts().get("trace").get("parent_span_id").asText()).isEqualTo(PARENT);
    // the upstream DSC is passed on unchanged, in both envelopes
    assertThat(t.envelope().header().get("trace").get("public_key").asText())
        .isEqualTo("upstreamkey");
    assertThat(t.envelope().header().get("trace").get("transaction").asText())
        .isEqualTo("GET /cart");
    assertThat(error.envelope().header().get("trace"))
        .isEqualTo(t.envelope().header().get("trace"));
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void continuesW3cTraceparent() {
    init(o -> o.setTracesSampleRate(0.0));
    Transaction tx =
        Sentry.continueTrace(
            Map.of("traceparent", "00-" + OTHER_TRACE + "-" + OTHER_PARENT + "-01"),
            "http.server",
            "w3c");
    assertThat(tx.getTraceId()).isEqualTo(OTHER_TRACE);
    assertThat(tx.getParentSpanId()).isEqualTo(OTHER_PARENT);
    assertThat(tx.isSampled()).isTrue();
    tx.finish();
    assertThat(oneTransaction().traceId()).isEqualTo(OTHER_TRACE);
  }

  @Test
  void sentryTraceWinsOverTraceparent() {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction tx =
        Sentry.continueTrace(
            Map.of(
                "traceparent",
                "00-" + OTHER_TRACE + "-" + OTHER_PARENT + "-01",
                "sentry-trace",
                TRACE + "-" + PARENT + "-0"),
            "http.server",
            "both");
    assertThat(tx.getTraceId()).isEqualTo(TRACE);
    assertThat(tx.getParentSpanId()).isEqualTo(PARENT);
    assertThat(tx.isSampled()).isFalse();
  }

  @Test
  void traceparentIsUsedWhenSentryTraceIsMalformed() {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction tx =
        Sentry.continueTrace(
            Map.of(
                "sentry-trace",
                "zzz",
                "traceparent",
                "00-" + OTHER_TRACE + "-" + OTHER_PARENT + "-00"),
            "http.server",
            "fallback");
    assertThat(tx.getTraceId()).isEqualTo(OTHER_TRACE);
    assertThat(tx.isSampled()).isFalse();
  }

  @Test
  void upperCaseSentryTraceIsReadLikeTheJavaSdkDoes() {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction tx =
        Sentry.continueTrace(
            Map.of("sentry-trace", TRACE.toUpperCase() + "-" + PARENT.toUpperCase() + "-1"),
            "op",
            "upper");
    assertThat(tx.getTraceId()).isEqualTo(TRACE);
    assertThat(Sentry.getTraceparent()).startsWith(TRACE + "-");
  }

  static Stream<Arguments> garbage() {
    String valid = TRACE + "-" + PARENT + "-1";
    return Stream.of(
        Arguments.of("zzz", Map.of("sentry-trace", "zzz")),
        Arguments.of(
            "10 KB",
            Map.of(
                "sentry-trace",
                valid + "x".repeat(10_240),
                "baggage",
                "sentry-trace_id=" + TRACE + ",".repeat(10_240))),
        Arguments.of("short trace id", Map.of("sentry-trace", TRACE.substring(1) + "-" + PARENT)),
        Arguments.of("long span id", Map.of("sentry-trace", TRACE + "-" + PARENT + "0-1")),
        Arguments.of(
            "upper-case traceparent",
            Map.of(
                "traceparent", "00-" + TRACE.toUpperCase() + "-" + PARENT.toUpperCase() + "-01")),
        Arguments.of("all zeros", Map.of("sentry-trace", "0".repeat(32) + "-" + PARENT + "-1")),
        Arguments.of(
            "baggage only", Map.of("baggage", "sentry-trace_id=" + TRACE + ",sentry-sampled=true")),
        Arguments.of("none", Map.of()),
        Arguments.of("null", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void garbageStartsANewTraceWithoutThrowing(String name, Map<String, String> headers) {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction tx = Sentry.continueTrace(headers, "http.server", "garbage " + name);
    assertThat(tx.getTraceId()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE);
    assertThat(tx.getParentSpanId()).isNull();
    assertThat(tx.isSampled()).isTrue(); // no inherited decision: the rate decides
    assertThat(Baggage.parseSentryMembers(Sentry.getBaggage()))
        .containsEntry("public_key", "testkey");
    tx.finish();
    assertThat(oneTransaction().contexts().get("trace").has("parent_span_id")).isFalse();
  }

  @Test
  void nullHeaderNamesAndValuesAreSkipped() {
    init(o -> o.setTracesSampleRate(1.0));
    Map<String, String> headers = new HashMap<>();
    headers.put(null, "x");
    headers.put("sentry-trace", null);
    headers.put("baggage", TRACE + "-" + PARENT);
    headers.put("x-sentry-trace", TRACE + "-" + PARENT + "-1");
    assertThat(Sentry.continueTrace(headers, "op", "n").getParentSpanId()).isNull();
  }

  @Test
  void anotherOrganizationsTraceIsNotContinued() {
    init(o -> o.setTracesSampleRate(1.0).setOrgId("17"));
    Transaction foreign =
        Sentry.continueTrace(
            Map.of("sentry-trace", TRACE + "-" + PARENT + "-1", "baggage", "sentry-org_id=99"),
            "op",
            "foreign");
    assertThat(foreign.getTraceId()).isNotEqualTo(TRACE);
    foreign.finish();
    Transaction same =
        Sentry.continueTrace(
            Map.of("sentry-trace", TRACE + "-" + PARENT + "-1", "baggage", "sentry-org_id=17"),
            "op",
            "same");
    assertThat(same.getTraceId()).isEqualTo(TRACE);
  }

  @Test
  void strictContinuationRefusesATraceWithoutOrgId() {
    init(o -> o.setTracesSampleRate(1.0).setOrgId("17").setStrictTraceContinuation(true));
    Transaction tx =
        Sentry.continueTrace(Map.of("sentry-trace", TRACE + "-" + PARENT + "-1"), "op", "n");
    assertThat(tx.getTraceId()).isNotEqualTo(TRACE);
  }

  @Test
  void withTracingOffTheIncomingTraceStillReachesErrorsAndOutgoingHeaders() {
    init(o -> {});
    Transaction tx =
        Sentry.continueTrace(
            Map.of(
                "sentry-trace",
                TRACE + "-" + PARENT + "-1",
                "baggage",
                "other=1,sentry-trace_id=" + TRACE + ",sentry-sample_rate=0.3,sentry-sampled=true"),
            "http.server",
            "off");
    assertThat(tx.isSampled()).isFalse();
    assertThat(tx.getTraceId()).isEqualTo(TRACE);
    assertThat(tx.getParentSpanId()).isEqualTo(PARENT);
    assertThat(Sentry.getCurrentSpan()).as("current, as startTransaction's").isSameAs(tx);
    String outgoing = Sentry.getTraceparent();
    assertThat(outgoing).startsWith(TRACE + "-").endsWith("-1");
    Map<String, String> dsc = Baggage.parseSentryMembers(Sentry.getBaggage("mine=2"));
    assertThat(dsc).containsEntry("trace_id", TRACE).containsEntry("sampled", "true");
    // sample_rand was missing: drawn below the upstream rate because it sampled
    assertThat(Double.parseDouble(dsc.get("sample_rand"))).isLessThan(0.3);
    assertThat(Sentry.getBaggage("mine=2")).startsWith("mine=2,sentry-").doesNotContain("other=1");
    Sentry.captureMessage("continued without tracing");
    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.traceId()).isEqualTo(TRACE);
    assertThat(event.contexts().get("trace").get("parent_span_id").asText()).isEqualTo(PARENT);
    assertThat(outgoing).isEqualTo(TRACE + "-" + event.spanId() + "-1");
    assertThat(tx.getSpanId()).isEqualTo(event.spanId());
    assertThat(event.envelope().header().get("trace").get("sample_rate").asText()).isEqualTo("0.3");
    assertThat(event.transaction()).isEqualTo("off");
    tx.close();
    assertThat(Sentry.getCurrentSpan()).isNull();
    assertThat(Sentry.getTraceparent()).as("the continued trace outlives it").startsWith(TRACE);
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.transactions()).as("never sent").isEmpty();
  }

  @Test
  void beforeInitEverythingIsANoOpThatNeverThrows() {
    Transaction tx =
        Sentry.continueTrace(Map.of("sentry-trace", TRACE + "-" + PARENT + "-1"), "op", "n");
    assertThat(tx.isSampled()).isFalse();
    assertThat(tx.getTraceId()).isEqualTo(TRACE);
    Span span = Sentry.startSpan("db");
    span.setTag("a", "b");
    span.startChild("x").finish();
    span.finish();
    tx.close();
    assertThat(Sentry.getCurrentSpan()).isNull();
    assertThat(Sentry.getTraceparent()).startsWith(TRACE + "-");
    assertThat(Sentry.getBaggage()).contains("sentry-trace_id=" + TRACE);
    assertThat(Sentry.getTraceHeaders("https://api.example.com", null))
        .containsKeys("sentry-trace", "baggage");
    assertThat(Sentry.startTransaction("x", "y").getTraceId()).isEqualTo("0".repeat(32));
  }
}
