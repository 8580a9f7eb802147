package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.tracing.Transaction;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/** What both async tests do: log on a named thread inside a span, check what Sentry got. */
final class AsyncScenario {
  static final String THREAD = "order-worker-1";

  private final AtomicReference<String> traceId = new AtomicReference<>();
  private final AtomicReference<String> spanId = new AtomicReference<>();
  private final AtomicReference<String> threadTraceId = new AtomicReference<>();

  void logFromWorkerThread(Logger log) throws InterruptedException {
    Thread worker =
        new Thread(
            () -> {
              ThreadContext.put("tenant", "acme");
              ThreadContext.put("request_id", "r-1");
              threadTraceId.set(ScopeStorage.current().getTraceContext().getTraceId());
              log.info("async crumb");
              try (Transaction tx = Sentry.startTransaction("order", "task")) {
                traceId.set(tx.getTraceId());
                spanId.set(tx.getSpanId());
                log.error("async failure {}", "A-17", new IllegalStateException("stock"));
              }
              log.error("async outside span");
              log.error("async outside span again");
              ThreadContext.clearAll();
            },
            THREAD);
    worker.start();
    worker.join(10_000);
    assertThat(worker.isAlive()).isFalse();
  }

  void assertCapturedFromTheLoggingThread(ReceiverSupport test, TestContext ctx) {
    ReceivedEvent event = test.event("async failure A-17");
    assertThat(event.tags()).containsEntry("tenant", "acme");
    assertThat(event.extra().path("request_id").asText()).isEqualTo("r-1");
    assertThat(event.extra().path("thread_name").asText()).isEqualTo(THREAD);
    assertThat(event.json().at("/threads/values/0/name").asText()).isEqualTo(THREAD);
    assertThat(event.exceptions().get(0).path("thread_id").asLong())
        .isEqualTo(event.json().at("/threads/values/0/id").asLong());
    // from the ids the context data provider froze into the event on the logging thread
    assertThat(traceId.get()).matches("[0-9a-f]{32}");
    assertThat(event.traceId()).isEqualTo(traceId.get());
    assertThat(event.spanId()).isEqualTo(spanId.get());
    assertThat(event.extra().has("trace_id")).isFalse();

    ReceivedEvent outside = test.event("async outside span");
    ReceivedEvent again = test.event("async outside span again");
    // outside the span the ThreadContext holds no ids (sentry.mdc.propagation-ids is off by
    // default): each such event gets a trace of its own, not the span's, not the logging thread's
    // and not one shared through the background thread
    assertThat(outside.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(traceId.get());
    assertThat(outside.traceId()).isNotIn(threadTraceId.get(), again.traceId());
    assertThat(again.traceId()).matches("[0-9a-f]{32}").isNotIn(traceId.get(), threadTraceId.get());
    assertThat(outside.tags()).containsEntry("tenant", "acme");

    assertThat(ctx.lines())
        .contains(
            "INFO [" + THREAD + "] [] [acme] com.acme.async.Worker - async crumb",
            "ERROR ["
                + THREAD
                + "] ["
                + traceId.get()
                + "] [acme] com.acme.async.Worker - async failure A-17");
  }
}
