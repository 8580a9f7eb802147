package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import dev.sentry4j.Sentry;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/**
 * The appender and a {@code %traceId} layout behind Logback's {@code AsyncAppender}: they run on
 * its worker thread, so everything must come from what Logback froze on the logging thread.
 */
@Timeout(30)
class AsyncAppenderTest {
  private SentryReceiver receiver;
  private LogbackFixture logback;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    Diagnostics.resetRateLimits();
    logback =
        LogbackFixture.configure("logback-async.xml", Map.of("SENTRY_TEST_DSN", receiver.dsn()));
    AsyncAppender async = logback.appender("ASYNC_SENTRY");
    assertThat(async.isStarted()).as("status: %s", logback.statuses()).isTrue();
    assertThat(async.getAppender("SENTRY").isStarted()).isTrue();
    assertThat(memory().isStarted()).isTrue();
  }

  @AfterEach
  void stop() {
    logback.close();
    Sentry.close();
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    receiver.close();
    MDC.clear();
  }

  /** Logs on a thread of its own name, as an application request thread would. */
  private static void onThread(String name, Runnable body) throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } finally {
                MDC.clear();
              }
            },
            name);
    t.start();
    t.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(t.isAlive()).isFalse();
  }

  private MemoryAppender memory() {
    AsyncAppender async = logback.appender("ASYNC_MEMORY");
    return (MemoryAppender) async.getAppender("MEMORY");
  }

  @Test
  void theEventHasTheLoggingThreadsNameMdcAndTheTraceFrozenInTheMdc() throws Exception {
    Logger log = logback.logger("com.shop.Checkout");
    FakeSpan span = FakeSpan.of('c', 'd');

    onThread(
        "checkout-7",
        () -> {
          try (ScopeToken ignored = span.activate()) {
            MDC.put("tenant", "acme");
            // what sentry-slf4j-mdc keeps in step with the active span
            MDC.put(LoggedTrace.TRACE_ID_KEY, span.traceId);
            MDC.put(LoggedTrace.SPAN_ID_KEY, span.spanId);
            log.error("payment failed");
            MDC.put("tenant", "changed after the call"); // AsyncAppender froze the MDC already
          }
        });

    ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.extra().path("thread_name").asText()).isEqualTo("checkout-7");
    assertThat(event.tags()).containsEntry("tenant", "acme");
    assertThat(event.traceId()).isEqualTo(span.traceId);
    assertThat(event.spanId()).isEqualTo(span.spanId);
    assertThat(event.json().at("/threads/values/0/id").isMissingNode())
        .as("the worker thread's id is not the logging thread's")
        .isTrue();
    String expected = "[checkout-7] [" + span.traceId + "/" + span.spanId + "] payment failed";
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(memory().lines()).contains(expected));
  }

  @Test
  void withoutTheMdcKeysTheWorkersOwnTraceIsNeverUsed() throws Exception {
    Logger log = logback.logger("com.shop.Checkout");
    FakeSpan span = FakeSpan.of('e', 'f');

    onThread(
        "checkout-8",
        () -> {
          try (ScopeToken ignored = span.activate()) {
            log.error("first, inside a span the worker cannot see");
            log.error("second");
          }
        });

    List<ReceivedEvent> events = receiver.awaitEvents(2, Duration.ofSeconds(10));
    for (ReceivedEvent e : events) {
      RelaySchema.assertValid(e);
      assertThat(e.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(span.traceId);
    }
    assertThat(events.get(0).traceId())
        .as("lines are not all linked to one trace of the worker thread")
        .isNotEqualTo(events.get(1).traceId());
    // the layout cannot know the span either: it prints nothing rather than a wrong id
    String expected = "[checkout-8] [/] first, inside a span the worker cannot see";
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(memory().lines()).contains(expected));
  }
}
