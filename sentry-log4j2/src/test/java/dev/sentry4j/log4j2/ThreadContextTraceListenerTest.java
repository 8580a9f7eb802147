package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.SentryContext;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.spi.SpanListener;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;
import dev.sentry4j.tracing.Transaction;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.util.ContextDataProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lines a real {@code PatternLayout} printed with {@code %X{trace_id}}, {@code %X{span_id}} and
 * {@code %X{trace_sampled}}, written into the ThreadContext by {@link ThreadContextTraceListener}
 * (registered through {@code META-INF/services}, no ContextDataProvider registered). Run twice: in
 * the default run (lines outside spans print no ids) and in the surefire execution {@code
 * propagation-ids} with {@code sentry.mdc.propagation-ids=true} (they print the ids of the thread's
 * scope).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadContextTraceListenerTest extends ReceiverSupport {

  /** This run's {@code sentry.mdc.propagation-ids} (default {@code false}). */
  static final boolean PROPAGATION_IDS = Boolean.getBoolean("sentry.mdc.propagation-ids");

  /**
   * What {@code [%X{trace_id}] [%X{span_id}] [%X{trace_sampled}]} print outside spans for a thread
   * whose scope has {@code ids}: nothing by default, the ids with propagation ids on.
   */
  static String outside(TraceContext ids) {
    return PROPAGATION_IDS ? "[" + ids.getTraceId() + "] [" + ids.getSpanId() + "] []" : "[] [] []";
  }

  @Test
  void theListenerIsRegisteredAndNoContextDataProviderIs() {
    start("sentry-trace-keys.xml");
    assertThat(ThreadContextTraceListener.isActive()).isTrue();
    // what Log4j 2's injector finds: with a second provider it copies every event's context
    assertThat(ServiceLoader.load(ContextDataProvider.class).stream().map(p -> p.type().getName()))
        .doesNotContain(SentryContextDataProvider.class.getName());
    assertThat(ServiceLoader.load(SpanListener.class).stream().map(p -> p.type().getName()))
        .contains(ThreadContextTraceListener.class.getName());
  }

  @Test
  void linesPrintTheSpansIdsInsideSpansAndNothingOrThePropagationIdsOutside() {
    TestContext ctx = start("sentry-trace-keys.xml");
    Logger log = ctx.logger("com.acme.Orders");
    ThreadContext.put("tenant", "acme");
    TraceContext outside = ScopeStorage.current().getTraceContext();

    log.info("before");
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
      log.info("child ended");
    }
    log.info("after");

    String out = outside(outside);
    assertThat(ctx.lines())
        .containsExactly(
            "INFO " + out + " [acme] before",
            "INFO [" + traceId + "] [" + txSpanId + "] [true] [acme] in transaction",
            "INFO [" + traceId + "] [" + childSpanId + "] [true] [acme] in child span",
            "INFO [" + traceId + "] [" + txSpanId + "] [true] [acme] child ended",
            "INFO " + out + " [acme] after");
    assertThat(ThreadContext.get("tenant")).isEqualTo("acme");
  }

  @Test
  void theApplicationsOwnValuesUnderTheKeysComeBackWhenTheSpanEnds() {
    TestContext ctx = start("sentry-trace-keys.xml");
    Logger log = ctx.logger("com.acme.Orders");
    ScopeStorage.current(); // the thread's first Sentry use (writes the ids if propagation ids)
    ThreadContext.put("trace_id", "app-trace");
    ThreadContext.put("span_id", "app-span");

    String traceId;
    String spanId;
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      traceId = tx.getTraceId();
      spanId = tx.getSpanId();
      log.info("inside");
    }
    log.info("after");

    assertThat(ctx.lines())
        .containsExactly(
            "INFO [" + traceId + "] [" + spanId + "] [true] [] inside",
            "INFO [app-trace] [app-span] [] [] after");
  }

  @Test
  void aThreadPrintsNoIdsOutsideSpansOrWithPropagationIdsFromItsFirstSentryCall() throws Exception {
    TestContext ctx = start("sentry-trace-keys.xml");
    Logger log = ctx.logger("com.acme.Orders");
    AtomicReference<TraceContext> ids = new AtomicReference<>();
    AtomicReference<Transaction> span = new AtomicReference<>();
    Thread fresh =
        new Thread(
            () -> {
              log.info("first line"); // printed before the Sentry appender makes it a breadcrumb
              log.info("second line");
              ids.set(ScopeStorage.current().getTraceContext());
              try (Transaction tx = Sentry.startTransaction("job", "task")) {
                span.set(tx);
                log.info("in a span");
              }
              ThreadContext.clearAll();
            },
            "fresh");
    fresh.start();
    fresh.join(30_000);
    assertThat(fresh.isAlive()).isFalse();

    assertThat(ctx.lines())
        .containsExactly(
            "INFO [] [] [] [] first line",
            "INFO " + outside(ids.get()) + " [] second line",
            "INFO ["
                + span.get().getTraceId()
                + "] ["
                + span.get().getSpanId()
                + "] [true] [] in a span");
  }

  @Test
  void aPoolThreadPrintsTheCarriedSpanWhileItRunsATaskAndItsOwnIdsAfter() throws Exception {
    TestContext ctx = start("sentry-trace-keys.xml");
    Logger log = ctx.logger("com.acme.Orders");
    ExecutorService raw = Executors.newSingleThreadExecutor(r -> new Thread(r, "pool-1"));
    ExecutorService pool = SentryContext.wrap(raw);
    try {
      AtomicReference<TraceContext> poolIds = new AtomicReference<>();
      raw.submit(
              () -> {
                poolIds.set(ScopeStorage.current().getTraceContext());
                log.info("pool thread before");
              })
          .get(30, TimeUnit.SECONDS);
      String traceId;
      String spanId;
      try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
        traceId = tx.getTraceId();
        spanId = tx.getSpanId();
        pool.submit(() -> log.info("carried task")).get(30, TimeUnit.SECONDS);
      }
      raw.submit(() -> log.info("pool thread after")).get(30, TimeUnit.SECONDS);

      String own = outside(poolIds.get());
      assertThat(ctx.lines())
          .containsExactly(
              "INFO " + own + " [] pool thread before",
              "INFO [" + traceId + "] [" + spanId + "] [true] [] carried task",
              "INFO " + own + " [] pool thread after");
    } finally {
      raw.submit(ThreadContext::clearAll);
      raw.shutdown();
      assertThat(raw.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
