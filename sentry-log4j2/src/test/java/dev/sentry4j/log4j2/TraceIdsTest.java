package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.Sentry;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import java.util.Map;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;

class TraceIdsTest extends ReceiverSupport {

  @Test
  void patternLayoutPrintsTheSpansIdsInsideASpanAndNothingOutside() {
    TestContext ctx = start("sentry-basic.xml"); // tracesSampleRate="1.0"
    Logger log = ctx.logger("com.acme.Orders");

    log.info("outside");
    String outside = "[] []"; // the default: no ids outside spans (sentry.mdc.propagation-ids)
    String traceId;
    String txSpanId;
    String childSpanId;
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      traceId = tx.getTraceId();
      txSpanId = tx.getSpanId();
      log.info("in transaction");
      try (Span child = Sentry.startSpan("db.query")) {
        childSpanId = child.getSpanId();
        log.info("in child span");
      }
    }
    log.info("outside again");

    assertThat(ctx.lines())
        .containsExactly(
            "INFO " + outside + " com.acme.Orders - outside",
            "INFO [" + traceId + "] [" + txSpanId + "] com.acme.Orders - in transaction",
            "INFO [" + traceId + "] [" + childSpanId + "] com.acme.Orders - in child span",
            "INFO " + outside + " com.acme.Orders - outside again");
  }

  @Test
  void theProvidersMapIsReusedWhileTheIdsStayAndFollowsEverySpanSwitch() {
    start("sentry-basic.xml"); // tracesSampleRate="1.0"
    // keys the ThreadContext listener does not write, so the provider supplies them itself
    SentryContextDataProvider provider =
        new SentryContextDataProvider(new TraceKeys("traceId", "spanId"));

    Map<String, String> outside = provider.supplyContextData();
    assertThat(provider.supplyContextData()).isSameAs(outside); // nothing allocated per line
    assertThat(outside).containsOnlyKeys("traceId", "spanId");
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      Map<String, String> inTx = provider.supplyContextData();
      assertThat(inTx)
          .containsEntry("traceId", tx.getTraceId())
          .containsEntry("spanId", tx.getSpanId());
      assertThat(provider.supplyContextData()).isSameAs(inTx);
      assertThatThrownBy(() -> inTx.put("traceId", "x"))
          .isInstanceOf(UnsupportedOperationException.class);
      try (Span child = Sentry.startSpan("db.query")) {
        assertThat(provider.supplyContextData()).containsEntry("spanId", child.getSpanId());
      }
      assertThat(provider.supplyContextData()).containsEntry("spanId", tx.getSpanId());
      ThreadContext.put("traceId", "mine");
      try {
        assertThat(provider.supplyContextData())
            .containsOnlyKeys("spanId"); // the ThreadContext's value wins
      } finally {
        ThreadContext.remove("traceId");
      }
    }
    assertThat(provider.supplyContextData()).isEqualTo(outside);
  }

  @Test
  void anExplicitlyRegisteredProviderAddsNothingTheThreadContextListenerWroteAlready() {
    start("sentry-basic.xml");
    SentryContextDataProvider provider = new SentryContextDataProvider();
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      assertThat(ThreadContext.get("trace_id")).isEqualTo(tx.getTraceId());
      assertThat(provider.supplyContextData()).isEmpty(); // no duplicates, whatever the order
      assertThat(provider.supplyStringMap().isEmpty()).isTrue();
    }
  }

  @Test
  void anEventLoggedInsideASpanCarriesItsTraceContextOnce() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");

    Transaction tx = Sentry.startTransaction("checkout", "task");
    Span child = Sentry.startSpan("db.query");
    try {
      log.info("crumb in span");
      log.error("error in span");
    } finally {
      child.close();
      tx.close();
    }

    ReceivedEvent event = event("error in span");
    assertThat(event.traceId()).isEqualTo(tx.getTraceId());
    assertThat(event.spanId()).isEqualTo(child.getSpanId());
    assertThat(event.contexts().path("trace").path("op").asText()).isEqualTo("db.query");
    assertThat(event.contexts().path("trace").path("parent_span_id").asText())
        .isEqualTo(tx.getSpanId());
    // the ids are in contexts.trace; the context data copy is not repeated as extras
    assertThat(event.extra().has("trace_id")).isFalse();
    assertThat(event.extra().has("span_id")).isFalse();
    assertThat(event.envelope().header().path("trace").path("trace_id").asText())
        .isEqualTo(tx.getTraceId());
  }

  @Test
  void aTraceIdAlreadyInTheThreadContextWinsOverTheProvidersValue() {
    TestContext ctx = start("sentry-basic.xml");
    Logger log = ctx.logger("com.acme.Orders");

    String spanId;
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      spanId = tx.getSpanId();
      ThreadContext.put("trace_id", "from-the-app");
      log.info("inside");
    }

    assertThat(ctx.lines())
        .containsExactly("INFO [from-the-app] [" + spanId + "] com.acme.Orders - inside");
  }

  @Test
  void withoutASpanTheProviderSuppliesThePropagationIds() {
    Sentry.init(o -> o.setDsn(receiver.dsn()));
    SentryContextDataProvider provider = new SentryContextDataProvider();
    String traceId = ScopeStorage.current().getTraceContext().getTraceId();
    Map<String, String> expected =
        Map.of(
            "trace_id", traceId, "span_id", ScopeStorage.current().getTraceContext().getSpanId());
    ThreadContext.clearAll(); // what the ThreadContext listener wrote: the provider supplies it

    assertThat(provider.supplyStringMap().toMap()).isEqualTo(expected);
    assertThat(provider.supplyContextData()).isEqualTo(expected);
    assertThat(provider.getValue("trace_id")).isEqualTo(traceId);
    assertThat(provider.supplyStringMap().isFrozen())
        .as(
            "Log4j may keep the map as the event's context data and clear it when reusing the event")
        .isFalse();
  }

  @Test
  void insideASpanTheProviderSuppliesBothIdsUnderTheConfiguredKeys() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setTracesSampleRate(1.0));
    SentryContextDataProvider provider =
        new SentryContextDataProvider(new TraceKeys("traceId", "spanId"));
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      Map<String, String> expected = Map.of("traceId", tx.getTraceId(), "spanId", tx.getSpanId());

      assertThat(provider.supplyStringMap().toMap()).isEqualTo(expected);
      assertThat(provider.supplyContextData()).isEqualTo(expected);
      assertThat(provider.getValue("traceId")).isEqualTo(tx.getTraceId());
      assertThat(provider.getValue("spanId")).isEqualTo(tx.getSpanId());
      assertThat(provider.getValue("trace_id")).isNull();
    }
  }

  @Test
  void theDefaultKeysAreTraceIdAndSpanId() {
    assertThat(TraceKeys.FROM_SYSTEM_PROPERTIES.traceIdKey).isEqualTo("trace_id");
    assertThat(TraceKeys.FROM_SYSTEM_PROPERTIES.spanIdKey).isEqualTo("span_id");
  }
}
