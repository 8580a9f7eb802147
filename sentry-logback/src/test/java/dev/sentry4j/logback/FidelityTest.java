package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a user of the README's logback.xml sees without tracing configured: every line's {@code
 * %traceId} is the trace id of the event an error logged there becomes; an encoder throwing an
 * Error never reaches {@code logger.error(...)}; an undefined {@code ${VAR}} DSN means no DSN, said
 * in one INFO status line; events name sentry-logback in {@code sdk.packages}.
 */
@Timeout(30)
class FidelityTest extends LogbackReceiverTest {

  @Test
  void withoutTracingEveryLinePrintsTheTraceIdOfTheEventLoggedThere() throws Exception {
    Logger log = configure("logback-readme-trace.xml");

    log.info("checkout started");
    log.error("payment failed", new IllegalStateException("declined"));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(() -> log.error("worker failed")).get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdown();
    }

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    events.forEach(RelaySchema::assertValid);
    ReceivedEvent main =
        events.stream().filter(e -> e.message().equals("payment failed")).findFirst().get();
    ReceivedEvent worker =
        events.stream().filter(e -> e.message().equals("worker failed")).findFirst().get();
    List<String> lines = logback.<MemoryAppender>appender("MEMORY").lines();
    assertThat(lines.get(0))
        .isEqualTo("INFO  [" + main.traceId() + "] com.shop.Checkout - checkout started");
    assertThat(lines.get(1))
        .isEqualTo("ERROR [" + main.traceId() + "] com.shop.Checkout - payment failed");
    assertThat(lines)
        .contains("ERROR [" + worker.traceId() + "] com.shop.Checkout - worker failed");
    assertThat(main.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(worker.traceId());
    assertThat(main.json().get("sdk").get("packages").toString())
        .contains("maven:dev.sentry4j:sentry-logback")
        .contains("maven:dev.sentry4j:sentry-core");
    assertThat(main.json().get("sdk").get("integrations").toString()).contains("logback");
  }

  @Test
  void anEncoderThrowingAnErrorNeverReachesTheApplication() {
    Logger log = configure("logback-error-encoder.xml");

    for (int i = 0; i < 3; i++) {
      int n = i;
      assertThatCode(() -> log.error("line {}", n)).doesNotThrowAnyException();
    }

    List<ReceivedEvent> events = receiver.awaitEvents(3, WAIT);
    assertThat(events)
        .extracting(ReceivedEvent::message)
        .containsExactlyInAnyOrder("line 0", "line 1", "line 2");
    assertThat(logback.statusLines(Status.ERROR))
        .filteredOn(line -> line.contains("could not capture a log line"))
        .as("reported to Logback's status, once a minute")
        .hasSize(1);
  }

  @Test
  void anUndefinedDsnVariableMeansNoDsnWithOneInfoLine() {
    logback = LogbackFixture.configure("logback-undefined-dsn.xml", Map.of());
    SentryAppender appender = logback.appender("SENTRY");

    assertThat(appender.isStarted()).isTrue();
    assertThat(Sentry.isInitialized()).isFalse();
    assertThat(logback.statusLines(Status.ERROR)).isEmpty();
    assertThat(logback.statusLines(Status.WARN)).isEmpty();
    assertThat(logback.statusLines(Status.INFO))
        .filteredOn(line -> line.contains("Sentry appender"))
        .containsExactly(
            "Sentry appender [SENTRY]: No DSN: the dsn setting"
                + " 'SENTRY4J_TEST_DSN_DEFINED_NOWHERE_IS_UNDEFINED' names a variable that is not"
                + " defined; the SDK is disabled");
    assertThatCode(() -> logback.logger("x").error("no SDK, no exception"))
        .doesNotThrowAnyException();
  }
}
