package dev.sentry4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SentryContextTest {
  private SentryReceiver receiver;
  private ExecutorService pool;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    Sentry.init(receiver.dsn());
    pool = SentryContext.wrap(Executors.newSingleThreadExecutor());
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
    Sentry.close();
    receiver.close();
  }

  @Test
  void tasksSeeTheSubmittersScopesAndTrace() throws Exception {
    String trace;
    try (ScopeToken ignored = Sentry.newIsolationScope()) {
      Sentry.setTag("request", "r-1");
      trace = Sentry.scopes().getPropagationContext().getTraceId();
      CompletableFuture.supplyAsync(() -> Sentry.captureMessage("from the pool"), pool)
          .thenApplyAsync(id -> Sentry.captureMessage("next stage"), pool)
          .get(10, TimeUnit.SECONDS);
    }
    List<ReceivedEvent> events = receiver.awaitEvents(2, Duration.ofSeconds(10));
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.tags()).containsEntry("request", "r-1");
              assertThat(e.traceId()).isEqualTo(trace);
            });
  }

  @Test
  void aReusedPoolThreadNeverKeepsThePreviousTasksContext() throws Exception {
    ExecutorService raw = Executors.newSingleThreadExecutor();
    try {
      ExecutorService wrapped = SentryContext.wrap(raw);
      try (ScopeToken ignored = Sentry.newIsolationScope()) {
        Sentry.setTag("request", "first");
        wrapped
            .submit(() -> Sentry.getCurrentScope().setTag("leak", "yes"))
            .get(5, TimeUnit.SECONDS);
      }
      // the same pool thread, reached without the wrapper, has only its own state again
      String seen =
          raw.submit(
                  () ->
                      Sentry.getIsolationScope().getTags().get("request")
                          + "/"
                          + Sentry.getCurrentScope().getTags().get("leak"))
              .get(5, TimeUnit.SECONDS);
      assertThat(seen).isEqualTo("null/null");
    } finally {
      raw.shutdownNow();
    }
  }
}
