package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** What a logback.xml setup sends when MDC, key-value pairs and parameters hold secrets. */
@Timeout(30)
class SentryAppenderPrivacyTest extends LogbackReceiverTest {
  private static final String FILTERED = "[Filtered]";

  @Test
  void mdcKeyValueAndParameterSecretsNeverReachSentry() {
    load("logback-privacy.xml");
    assertThat(logback.<SentryAppender>appender("SENTRY").isStarted())
        .as("appender started; status: %s", logback.statuses())
        .isTrue();
    Logger log = logback.logger("com.shop.Login");
    MDC.put("password", "SECRET-1");
    MDC.put("Authorization", "Bearer SECRET-2");
    MDC.put("customer_ssn", "SECRET-3");
    MDC.put("session_count", "4");
    MDC.put("request_id", "r-1");

    log.atError()
        .addKeyValue("apiKey", "SECRET-4")
        .addKeyValue("attempt", 2)
        .log("login failed for {} with password={}", "bob", "SECRET-5");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("SECRET-");
    assertThat(event.extra().get("password").asText()).isEqualTo(FILTERED);
    assertThat(event.extra().get("Authorization").asText()).isEqualTo(FILTERED);
    assertThat(event.extra().get("customer_ssn").asText()).isEqualTo(FILTERED);
    assertThat(event.extra().get("apiKey").asText()).isEqualTo(FILTERED);
    assertThat(event.extra().get("session_count").asText()).isEqualTo("4");
    assertThat(event.extra().get("request_id").asText()).isEqualTo("r-1");
    assertThat(event.extra().get("attempt").asInt()).isEqualTo(2);
    assertThat(event.message()).isEqualTo("login failed for bob with password=[Filtered]");
    assertThat(event.json().at("/logentry/params/0").asText()).isEqualTo("bob");
    assertThat(event.json().at("/logentry/params/1").asText()).isEqualTo(FILTERED);
    RelaySchema.assertValid(event);
    // the application's MDC is untouched
    assertThat(MDC.get("password")).isEqualTo("SECRET-1");
  }
}
