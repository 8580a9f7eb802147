package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sentry4j.Sentry;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a user of the README's logging.properties sees without tracing configured, and sentry-java's
 * handler contract: {@code %7$s} is the trace id of the event; CONFIG stays below an INFO
 * threshold; {@code printfStyle} formats {@code %s}; an Error from a filter never reaches the
 * caller; an undefined {@code ${VAR}} DSN means no DSN.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FidelityTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Logger log = Logger.getLogger("com.acme.Checkout");
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    LogManager.getLogManager().reset();
    // the handler's stop hands its client to a background close: let it finish while the receiver
    // still answers, so its lines do not reach the next test's handler and console
    Sentry.awaitBackgroundClose(WAIT);
    Sentry.close();
    Diagnostics.resetRateLimits();
    System.clearProperty("sentry4j.test.dsn");
    receiver.close();
  }

  @Test
  void withoutTracingEveryLinePrintsTheTraceIdOfTheEventLoggedThere() {
    String console =
        JulConfig.captureStderr(
            () -> {
              JulConfig.load("readme-trace.properties", receiver.dsn());
              log.info("cart loaded");
              log.log(Level.SEVERE, "payment failed", new IllegalStateException("declined"));
            });

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValid(event);
    List<String> lines = console.lines().collect(Collectors.toList());
    assertThat(lines.get(0))
        .isEqualTo("INFO [" + event.traceId() + "] com.acme.Checkout - cart loaded");
    assertThat(lines.get(1))
        .isEqualTo("SEVERE [" + event.traceId() + "] com.acme.Checkout - payment failed");
    assertThat(event.traceId()).matches("[0-9a-f]{32}");
    assertThat(event.json().get("sdk").get("packages").toString())
        .contains("maven:dev.sentry4j:sentry-jul");
  }

  @Test
  void configIsDebugSoTheDefaultInfoThresholdLeavesItOut() {
    JulConfig.load("default-thresholds.properties", receiver.dsn());
    log.config("configuration detail");
    log.info("cart loaded");
    log.severe("payment failed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.breadcrumbs())
        .extracting(b -> b.get("message").asText())
        .containsExactly("cart loaded");
  }

  @Test
  void printfStyleFormatsPercentPlaceholders() {
    JulConfig.load("printf-style.properties", receiver.dsn());
    assertThat(JulConfig.rootHandler(SentryHandler.class).isPrintfStyle()).isTrue();

    log.log(Level.SEVERE, "order %s failed after %d tries", new Object[] {"A-17", 3});

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().at("/logentry/message").asText())
        .isEqualTo("order %s failed after %d tries");
    assertThat(event.json().at("/logentry/formatted").asText())
        .isEqualTo("order A-17 failed after 3 tries");
    assertThat(event.json().at("/logentry/params/0").asText()).isEqualTo("A-17");
  }

  @Test
  void anErrorFromTheHandlersPathNeverReachesTheCaller() {
    JulConfig.load("error-filter.properties", receiver.dsn());
    SentryHandler handler = JulConfig.rootHandler(SentryHandler.class);
    RecordingErrorManager errors = new RecordingErrorManager();
    handler.setErrorManager(errors);

    assertThatCode(
            () -> {
              log.severe("one");
              log.severe("two");
            })
        .doesNotThrowAnyException();

    assertThat(errors.reports).hasSize(1);
    assertThat(errors.reports.get(0)).contains("filter bug on one");
  }

  @Test
  void anUndefinedDsnVariableMeansNoDsnWithOneLine() {
    String stderr =
        JulConfig.captureStderr(
            () -> {
              JulConfig.load(
                  "placeholder-dsn.properties",
                  Map.of("VARIABLE", "SENTRY4J_TEST_DSN_DEFINED_NOWHERE"));
              SentryHandler handler = JulConfig.rootHandler(SentryHandler.class);
              RecordingErrorManager errors = new RecordingErrorManager();
              handler.setErrorManager(errors);
              log.severe("no SDK, no exception");
              assertThat(errors.reports).isEmpty();
            });

    assertThat(Sentry.isInitialized()).isFalse();
    assertThat(stderr.lines().filter(l -> l.contains("dev.sentry4j.jul.SentryHandler")))
        .containsExactly(
            "dev.sentry4j.jul.SentryHandler: No DSN: the dsn setting"
                + " '${SENTRY4J_TEST_DSN_DEFINED_NOWHERE}' names a variable that is not defined; the"
                + " SDK is disabled");
  }

  @Test
  void aDefinedDsnVariableIsResolved() {
    System.setProperty("sentry4j.test.dsn", receiver.dsn());
    JulConfig.load("placeholder-dsn.properties", Map.of("VARIABLE", "sentry4j.test.dsn"));
    JulConfig.rootHandler(SentryHandler.class);

    log.severe("sent");

    assertThat(receiver.awaitEvents(1, WAIT).get(0).message()).isEqualTo("sent");
  }
}
