package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.tracing.Baggage;
import dev.sentry4j.testing.ReceivedEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SamplingTest extends ReceiverTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String PARENT = "b0e6f15b45c36b12";

  @Test
  void rateZeroSendsNothingButPropagatesTheNegativeDecisionAndCountsTheDrop() {
    init(o -> o.setTracesSampleRate(0.0));
    Transaction tx = Sentry.startTransaction("GET /orders", "http.server");
    assertThat(tx.isSampled()).isFalse();
    assertThat(tx.getTraceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertThat(Sentry.getCurrentSpan()).isSameAs(tx);
    Span child = Sentry.startSpan("db.query");
    child.startChild("nested").finish();
    assertThat(Sentry.getTraceparent()).isEqualTo(tx.getTraceId() + "-" + child.getSpanId() + "-0");
    Map<String, String> dsc = Baggage.parseSentryMembers(Sentry.getBaggage());
    assertThat(dsc)
        .containsEntry("sampled", "false")
        .containsEntry("sample_rate", "0.0")
        .containsEntry("transaction", "GET /orders")
        .containsEntry("trace_id", tx.getTraceId());
    Sentry.captureMessage("inside an unsampled transaction");
    child.finish();
    tx.finish();
    assertThat(Sentry.getCurrentSpan()).isNull();

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.traceId()).isEqualTo(tx.getTraceId());
    assertThat(event.contexts().get("trace").get("sampled").asBoolean()).isFalse();
    assertThat(event.envelope().header().get("trace").get("sampled").asText()).isEqualTo("false");
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.transactions()).isEmpty();
    assertThat(discarded(DiscardReason.SAMPLE_RATE, DataCategory.TRANSACTION)).isEqualTo(1);
    assertThat(discarded(DiscardReason.SAMPLE_RATE, DataCategory.SPAN)).isEqualTo(2 + 1);
  }

  @Test
  void rateOneSendsEveryTransaction() {
    init(o -> o.setTracesSampleRate(1.0));
    for (int i = 0; i < 3; i++) {
      try (Transaction tx = Sentry.startTransaction("job " + i, "task")) {
        assertThat(tx.isSampled()).isTrue();
      }
    }
    assertThat(receiver.awaitTransactions(3, WAIT)).hasSize(3);
  }

  @Test
  void samplerSeesTheContextAndWinsOverTheRate() {
    List<SamplingContext> seen = new CopyOnWriteArrayList<>();
    init(
        o ->
            o.setTracesSampleRate(1.0)
                .setTracesSampler(
                    ctx -> {
                      seen.add(ctx);
                      return ctx.getTransactionName().startsWith("GET /health") ? 0.0 : 1.0;
                    }));
    Sentry.startTransaction("GET /health", "http.server").finish();
    Sentry.startTransaction(
            "GET /orders",
            "http.server",
            TransactionOptions.builder()
                .setSource(TransactionSource.ROUTE)
                .setCustomSamplingContext(Map.of("tenant", "acme"))
                .build())
        .finish();

    ReceivedEvent t = oneTransaction();
    assertThat(t.transaction()).isEqualTo("GET /orders");
    assertThat(seen).hasSize(2);
    SamplingContext ctx = seen.get(1);
    assertThat(ctx.getOperation()).isEqualTo("http.server");
    assertThat(ctx.getSource()).isEqualTo(TransactionSource.ROUTE);
    assertThat(ctx.getCustomSamplingContext()).containsEntry("tenant", "acme");
    assertThat(ctx.getParentSampled()).isNull();
    assertThat(ctx.getTraceId()).isEqualTo(t.traceId());
    assertThat(discarded(DiscardReason.SAMPLE_RATE, DataCategory.TRANSACTION)).isEqualTo(1);
  }

  @Test
  void samplerThatThrowsOrReturnsNullLetsTheNextRuleDecide() {
    init(
        o ->
            o.setTracesSampleRate(1.0)
                .setTracesSampler(
                    ctx -> {
                      if (ctx.getTransactionName().equals("throws")) {
                        throw new IllegalStateException("broken sampler");
                      }
                      return null;
                    }));
    assertThat(Sentry.startTransaction("throws", "task").isSampled()).isTrue();
    assertThat(Sentry.startTransaction("null", "task").isSampled()).isTrue();
  }

  @Test
  void parentDecisionsAreInheritedOverTheRate() {
    init(o -> o.setTracesSampleRate(0.0));
    Transaction yes =
        Sentry.continueTrace(
            Map.of("sentry-trace", TRACE + "-" + PARENT + "-1"), "http.server", "a");
    assertThat(yes.isSampled()).isTrue();
    yes.finish();
    ReceivedEvent t = oneTransaction();
    assertThat(t.traceId()).isEqualTo(TRACE);
    assertThat(t.contexts().get("trace").get("parent_span_id").asText()).isEqualTo(PARENT);
  }

  @Test
  void negativeParentDecisionIsInheritedOverRateOne() {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction no =
        Sentry.continueTrace(
            Map.of("sentry-trace", TRACE + "-" + PARENT + "-0"), "http.server", "b");
    assertThat(no.isSampled()).isFalse();
    assertThat(Sentry.getTraceparent()).endsWith("-0");
    no.finish();
    assertThat(discarded(DiscardReason.SAMPLE_RATE, DataCategory.TRANSACTION)).isEqualTo(1);
  }

  @Test
  void samplerGetsTheParentDecisionAndRateAndMayKeepIt() {
    List<SamplingContext> seen = new CopyOnWriteArrayList<>();
    init(
        o ->
            o.setTracesSampler(
                ctx -> {
                  seen.add(ctx);
                  return ctx.getParentSampleRate();
                }));
    Transaction tx =
        Sentry.continueTrace(
            Map.of(
                "sentry-trace",
                TRACE + "-" + PARENT + "-1",
                "baggage",
                "sentry-trace_id=" + TRACE + ",sentry-sample_rate=0.5,sentry-sample_rand=0.25"),
            "http.server",
            "c");
    assertThat(seen.get(0).getParentSampled()).isTrue();
    assertThat(seen.get(0).getParentSampleRate()).isEqualTo(0.5);
    assertThat(seen.get(0).getSampleRand()).isEqualTo(0.25);
    assertThat(tx.isSampled()).isTrue();
  }

  @Test
  void explicitDecisionWinsOverEverything() {
    init(o -> o.setTracesSampleRate(0.0).setTracesSampler(ctx -> 0.0));
    Transaction tx =
        Sentry.startTransaction(
            "forced", "task", TransactionOptions.builder().setSampled(true).build());
    assertThat(tx.isSampled()).isTrue();
    assertThat(Baggage.parseSentryMembers(Sentry.getBaggage())).containsEntry("sample_rate", "1.0");
  }

  @Test
  void sampleRandIsBelowTheRateExactlyWhenSampled() {
    init(o -> o.setTracesSampleRate(0.5));
    int sampled = 0;
    for (int i = 0; i < 200; i++) {
      try (Transaction tx =
          Sentry.startTransaction(
              "t" + i, "task", TransactionOptions.builder().setBindToScope(true).build())) {
        Map<String, String> dsc = Baggage.parseSentryMembers(Sentry.getBaggage());
        double rand = Double.parseDouble(dsc.get("sample_rand"));
        double rate = Double.parseDouble(dsc.get("sample_rate"));
        assertThat(rand < rate).isEqualTo(tx.isSampled());
        assertThat(dsc.get("sampled")).isEqualTo(String.valueOf(tx.isSampled()));
        sampled += tx.isSampled() ? 1 : 0;
      }
    }
    assertThat(sampled).isBetween(40, 160);
  }

  @Test
  void withoutRateOrSamplerTracingIsOffButTracesPropagate() {
    init(o -> {});
    String threadTrace = Sentry.getTraceparent();
    assertThat(threadTrace).matches("[0-9a-f]{32}-[0-9a-f]{16}"); // deferred: no flag
    assertThat(Sentry.getW3CTraceparent()).isEqualTo("00-" + threadTrace + "-00");
    Transaction tx = Sentry.startTransaction("no tracing", "task");
    assertThat(tx.isSampled()).isFalse();
    assertThat(Sentry.getCurrentSpan()).isSameAs(tx); // tracing without performance: current
    Span span = Sentry.startSpan("db.query");
    assertThat(span.getTraceId()).isEqualTo(tx.getTraceId());
    assertThat(span.isSampled()).isFalse();
    assertThat(Sentry.getCurrentSpan()).isSameAs(span);
    assertThat(Sentry.getTraceparent()).isEqualTo(tx.getTraceId() + "-" + span.getSpanId() + "-0");
    Sentry.captureMessage("error without tracing");
    span.finish();
    tx.finish();
    assertThat(Sentry.getCurrentSpan()).isNull();
    assertThat(Sentry.getTraceparent()).isEqualTo(threadTrace);
    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.traceId()).isEqualTo(tx.getTraceId());
    assertThat(event.spanId()).isEqualTo(span.getSpanId());
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.transactions()).isEmpty();
  }
}
