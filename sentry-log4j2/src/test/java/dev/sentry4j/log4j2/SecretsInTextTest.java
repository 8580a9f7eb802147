package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.ReceivedLog;
import dev.sentry4j.testing.RelaySchema;
import java.util.List;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets in a line's text: a {@code password={}} parameter is filtered in the event, in the
 * breadcrumb the line leaves for the next event and in Sentry Logs, whatever it starts with; with a
 * layout and {@code sendDefaultPii=false} only the layout's text is sent; an invalid DSN's key and
 * secret are in no status message.
 */
@Timeout(60)
class SecretsInTextTest extends ReceiverSupport {

  @AfterEach
  void clearPii() {
    System.clearProperty("sentry.test.pii");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"SECRET-1", "(SECRET-1)", "\"SECRET-1", ";SECRET-1", "'SECRET-1", "SECRET 1"})
  void aPasswordParameterIsFilteredInEventBreadcrumbAndLogs(String password) {
    Logger log = start("sentry-secrets.xml").logger("com.shop.Login");

    log.info("login for {} with password={}", "bob", password); // a breadcrumb and a log
    log.error("retry with password={} failed", password); // an event and a log

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    List<ReceivedLog> logs = receiver.awaitLogs(2, WAIT);
    assertThat(event.json().toString()).doesNotContain("SECRET");
    assertThat(event.message()).isEqualTo("retry with password=[Filtered] failed");
    assertThat(event.breadcrumbs())
        .extracting(b -> b.path("message").asText())
        .containsExactly("login for bob with password=[Filtered]");
    assertThat(logs).allSatisfy(l -> assertThat(l.json().toString()).doesNotContain("SECRET"));
    assertThat(logs)
        .extracting(ReceivedLog::body)
        .containsExactly(
            "login for bob with password=[Filtered]", "retry with password=[Filtered] failed");
    RelaySchema.assertValid(event);
  }

  @Test
  void withALayoutAndNoPiiOnlyTheLayoutsTextIsSent() {
    Logger log = start("sentry-masking-layout.xml").logger("com.shop.Payment");

    log.error("payment with card {} for {} failed", "4111 1111 1111 1111", "bob");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    ReceivedLog item = receiver.awaitLogs(1, WAIT).get(0);
    assertThat(event.message()).isEqualTo("payment with card [card]for bob failed");
    assertThat(event.json().toString()).doesNotContain("4111");
    assertThat(event.json().at("/logentry/params").isMissingNode()).isTrue();
    assertThat(item.body()).isEqualTo("payment with card [card]for bob failed");
    assertThat(item.json().toString()).doesNotContain("4111");
    assertThat(item.attribute("sentry.message.template")).isNull();
    RelaySchema.assertValid(event);
  }

  @Test
  void withALayoutAndPiiTheTemplateAndParametersAreSentToo() {
    System.setProperty("sentry.test.pii", "true");
    Logger log = start("sentry-masking-layout.xml").logger("com.shop.Payment");

    log.error("payment with card {} for {} failed", "4111 1111 1111 1111", "bob");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.message()).isEqualTo("payment with card [card]for bob failed");
    assertThat(event.json().at("/logentry/params/0").asText()).isEqualTo("4111 1111 1111 1111");
  }

  @Test
  void anInvalidDsnsKeyAndSecretAreInNoStatusMessage() {
    List<String> messages;
    try (StatusMessages status = StatusMessages.listen()) {
      start("bad-dsn.xml");
      messages = status.all();
    }

    assertThat(messages).anyMatch(m -> m.contains("ftp://***@example.com/1"));
    assertThat(messages)
        .allSatisfy(m -> assertThat(m).doesNotContain("sekrit77").doesNotContain("pubkey77"));
  }
}
