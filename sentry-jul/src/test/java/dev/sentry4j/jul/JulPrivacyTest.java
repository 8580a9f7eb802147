package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** What a real logging.properties setup sends when MDC and messages hold secrets. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class JulPrivacyTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String FILTERED = "[Filtered]";

  private final Logger log = Logger.getLogger("com.acme.Login");
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    LogManager.getLogManager().reset();
    Sentry.close();
    MDC.clear();
    Diagnostics.resetRateLimits();
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    receiver.close();
  }

  @Test
  void mdcSecretsAreFilteredAndTheOptionsApplyByName() {
    JulConfig.load("privacy.properties", Map.of("DSN", receiver.dsn(), "SCRUB_MESSAGES", "false"));
    MDC.put("password", "SECRET-1");
    MDC.put("Authorization", "Bearer SECRET-2");
    MDC.put("customer_ssn", "SECRET-3");
    MDC.put("session_count", "4");
    MDC.put("request_id", "r-1");
    log.info("login attempt");
    log.severe("login failed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("SECRET-");
    assertThat(event.contexts().at("/MDC/password").asText()).isEqualTo(FILTERED);
    assertThat(event.contexts().at("/MDC/Authorization").asText()).isEqualTo(FILTERED);
    assertThat(event.contexts().at("/MDC/customer_ssn").asText()).isEqualTo(FILTERED);
    assertThat(event.contexts().at("/MDC/session_count").asText()).isEqualTo("4");
    assertThat(event.contexts().at("/MDC/request_id").asText()).isEqualTo("r-1");
    assertThat(event.breadcrumbs())
        .extracting(b -> b.get("message").asText())
        .contains("login attempt");
    RelaySchema.assertValid(event);
  }

  @Test
  void aParameterAfterASensitiveKeyInTheTemplateIsFilteredByDefault() {
    JulConfig.load("privacy.properties", Map.of("DSN", receiver.dsn(), "SCRUB_MESSAGES", "false"));
    log.log(
        Level.SEVERE, "login failed for {0} with password={1}", new Object[] {"bob", "SECRET 1"});

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("SECRET");
    assertThat(event.message()).isEqualTo("login failed for bob with password=[Filtered]");
    assertThat(event.json().at("/logentry/message").asText())
        .isEqualTo("login failed for {0} with password={1}");
    assertThat(event.json().at("/logentry/params/0").asText()).isEqualTo("bob");
    assertThat(event.json().at("/logentry/params/1").asText()).isEqualTo(FILTERED);
    RelaySchema.assertValid(event);
  }

  @Test
  void aParameterAfterASensitiveKeyIsFilteredInABreadcrumbFormattedLater() {
    // an INFO line is only a breadcrumb; with String parameters its text is made when an event
    // carries it, and must be filtered then
    JulConfig.load("privacy.properties", Map.of("DSN", receiver.dsn(), "SCRUB_MESSAGES", "false"));
    log.log(Level.INFO, "login for {0} with password={1}", new Object[] {"bob", "SECRET 1"});
    log.severe("login failed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("SECRET");
    assertThat(event.breadcrumbs())
        .extracting(b -> b.get("message").asText())
        .contains("login for bob with password=[Filtered]");
  }

  @Test
  void scrubMessagesFiltersCardNumbersInParametersAndTheFormattedLine() {
    JulConfig.load("privacy.properties", Map.of("DSN", receiver.dsn(), "SCRUB_MESSAGES", "true"));
    log.log(Level.SEVERE, "card {0} declined", "4111 1111 1111 1111");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("4111 1111");
    assertThat(event.message()).isEqualTo("card [Filtered] declined");
    assertThat(event.json().at("/logentry/params/0").asText()).isEqualTo(FILTERED);
    RelaySchema.assertValid(event);
  }
}
