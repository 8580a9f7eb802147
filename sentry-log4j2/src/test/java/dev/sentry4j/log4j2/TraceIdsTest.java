package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.testing.ReceivedEvent;
import java.lang.management.ManagementFactory;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

class TraceIdsTest extends ReceiverSupport {
  private static final String TRACE = FakeSpan.ONE.traceId();
  private static final String SPAN = FakeSpan.ONE.spanId();

  @Test
  void patternLayoutPrintsTheSpansIdsInsideASpanAndNothingOutside() {
    TestContext ctx = start("sentry-basic.xml");
    Logger log = ctx.logger("com.acme.Orders");

    log.info("outside");
    try (ScopeToken ignored = Sentry.newScope()) {
      Sentry.getCurrentScope().setSpan(FakeSpan.ONE);
      log.info("inside");
    }
    log.info("outside again");

    assertThat(ctx.lines())
        .containsExactly(
            "INFO [] [] com.acme.Orders - outside",
            "INFO [" + TRACE + "] [" + SPAN + "] com.acme.Orders - inside",
            "INFO [] [] com.acme.Orders - outside again");
  }

  @Test
  void aTraceIdAlreadyInTheThreadContextWinsOverTheProvidersValue() {
    TestContext ctx = start("sentry-basic.xml");
    Logger log = ctx.logger("com.acme.Orders");

    try (ScopeToken ignored = Sentry.newScope()) {
      Sentry.getCurrentScope().setSpan(FakeSpan.ONE);
      org.apache.logging.log4j.ThreadContext.put("trace_id", "from-the-app");
      log.info("inside");
    }

    assertThat(ctx.lines())
        .containsExactly("INFO [from-the-app] [" + SPAN + "] com.acme.Orders - inside");
  }

  @Test
  void anEventLoggedInsideASpanCarriesItsTraceContextOnce() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");

    try (ScopeToken ignored = Sentry.newScope()) {
      Sentry.getCurrentScope().setSpan(FakeSpan.ONE);
      log.info("crumb in span");
      log.error("error in span");
    }

    ReceivedEvent event = event("error in span");
    assertThat(event.traceId()).isEqualTo(TRACE);
    assertThat(event.spanId()).isEqualTo(SPAN);
    assertThat(event.contexts().path("trace").path("op").asText()).isEqualTo("test.op");
    // the ids are in contexts.trace; the context data copy is not repeated as extras
    assertThat(event.extra().has("trace_id")).isFalse();
    assertThat(event.extra().has("span_id")).isFalse();
    assertThat(event.envelope().header().path("trace").path("trace_id").asText()).isEqualTo(TRACE);
  }

  @Test
  void withoutASpanTheProviderAddsNothingAndAllocatesNothing() {
    SentryContextDataProvider provider = new SentryContextDataProvider();
    StringMap first = provider.supplyStringMap();

    assertThat(first.isEmpty()).isTrue();
    assertThat(provider.supplyStringMap()).isSameAs(first);
    assertThat(provider.supplyContextData()).isEmpty();
    assertThat(provider.getValue("trace_id")).isNull();

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 20_000; i++) {
      provider.supplyStringMap(); // warm up
    }
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 20_000; i++) {
      provider.supplyStringMap();
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    // one object per call would be at least 320 KB; the measurement itself costs a few bytes
    assertThat(allocated).isLessThan(4096);
  }

  @Test
  void insideASpanTheProviderSuppliesBothIdsUnderTheConfiguredKeys() {
    SentryContextDataProvider provider =
        new SentryContextDataProvider(new TraceKeys("traceId", "spanId"));
    try (ScopeToken ignored = Sentry.newScope()) {
      Sentry.getCurrentScope().setSpan(FakeSpan.ONE);

      assertThat(provider.supplyStringMap().toMap()).containsOnly(
          java.util.Map.entry("traceId", TRACE), java.util.Map.entry("spanId", SPAN));
      assertThat(provider.supplyContextData()).containsOnly(
          java.util.Map.entry("traceId", TRACE), java.util.Map.entry("spanId", SPAN));
      assertThat(provider.getValue("traceId")).isEqualTo(TRACE);
      assertThat(provider.getValue("spanId")).isEqualTo(SPAN);
      assertThat(provider.getValue("trace_id")).isNull();
    }
  }

  @Test
  void theDefaultKeysAreTraceIdAndSpanId() {
    assertThat(TraceKeys.FROM_SYSTEM_PROPERTIES.traceIdKey).isEqualTo("trace_id");
    assertThat(TraceKeys.FROM_SYSTEM_PROPERTIES.spanIdKey).isEqualTo("span_id");
  }
}
