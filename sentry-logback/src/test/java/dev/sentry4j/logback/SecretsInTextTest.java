package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.SecretsInText;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets in a line's text: a {@code password={}} parameter is filtered in the event, in the
 * breadcrumb the line leaves for the next event and in Sentry Logs, whatever it starts with; with
 * an encoder and {@code sendDefaultPii=false} only the encoded text is sent; an invalid DSN's key
 * and secret are in no status line.
 */
@Timeout(60)
class SecretsInTextTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private SentryReceiver receiver;
  private LogbackFixture logback;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    if (logback != null) {
      logback.close();
    }
    Sentry.close();
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    receiver.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"SECRET-1", "(SECRET-1)", "\"SECRET-1", ";SECRET-1", "'SECRET-1", "SECRET 1"})
  void aPasswordParameterIsFilteredInEventBreadcrumbAndLogs(String password) {
    logback =
        LogbackFixture.configure("logback-secrets.xml", Map.of("SENTRY_TEST_DSN", receiver.dsn()));
    Logger log = logback.logger("com.shop.Login");

    log.info("login for {} with password={}", "bob", password); // a breadcrumb and a log
    log.error("retry with password={} failed", password); // an event and a log

    Sentry.flush(WAIT); // Sentry Logs go out in batches, every 5 s unless flushed
    SecretsInText.assertPasswordFiltered(receiver, WAIT);
  }

  @Test
  void aPasswordParameterIsFilteredInABreadcrumbFormattedLater() {
    // without Sentry Logs an INFO line is only a breadcrumb, whose text is made when an event
    // carries it (String arguments): the filtering must happen then too
    logback =
        LogbackFixture.configure(
            "logback-secrets.xml",
            Map.of("SENTRY_TEST_DSN", receiver.dsn(), "SENTRY_TEST_LOGS", "false"));
    Logger log = logback.logger("com.shop.Login");

    log.info("login for {} with password={}", "bob", "SECRET-1");
    log.error("login failed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("SECRET");
    assertThat(event.breadcrumbs())
        .extracting(b -> b.path("message").asText())
        .containsExactly("login for bob with password=[Filtered]");
  }

  @Test
  void withAnEncoderAndNoPiiOnlyTheEncodedTextIsSent() {
    logback =
        LogbackFixture.configure(
            "logback-masking-encoder.xml", Map.of("SENTRY_TEST_DSN", receiver.dsn()));
    Logger log = logback.logger("com.shop.Payment");

    log.error("payment with card {} for {} failed", SecretsInText.CARD, "bob");

    Sentry.flush(WAIT); // Sentry Logs go out in batches, every 5 s unless flushed
    SecretsInText.assertOnlyTheLayoutsTextIsSent(receiver, WAIT);
  }

  @Test
  void withAnEncoderAndPiiTheTemplateAndParametersAreSentToo() {
    logback =
        LogbackFixture.configure(
            "logback-masking-encoder.xml",
            Map.of("SENTRY_TEST_DSN", receiver.dsn(), "SENTRY_TEST_PII", "true"));
    Logger log = logback.logger("com.shop.Payment");

    log.error("payment with card {} for {} failed", SecretsInText.CARD, "bob");

    SecretsInText.assertTheParametersAreSentToo(receiver, WAIT);
  }

  @Test
  void anInvalidDsnsKeyAndSecretAreInNoStatusLine() {
    logback = LogbackFixture.configure("logback-invalid-dsn-secret.xml", Map.of());

    List<Status> statuses = logback.statuses();
    assertThat(statuses)
        .anyMatch(
            s ->
                s.getLevel() == Status.ERROR
                    && s.getMessage().contains("https://***@o1.ingest.example/"));
    for (Status s : statuses) {
      assertThat(s.getMessage()).doesNotContain("sekrit77").doesNotContain("pubkey77");
      for (Throwable t = s.getThrowable(); t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage()))
            .doesNotContain("sekrit77")
            .doesNotContain("pubkey77");
      }
    }
  }
}
