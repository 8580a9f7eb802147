package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.SecretsInText;
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

    Sentry.flush(WAIT); // Sentry Logs go out in batches, every 5 s unless flushed
    SecretsInText.assertPasswordFiltered(receiver, WAIT);
  }

  @Test
  void withALayoutAndNoPiiOnlyTheLayoutsTextIsSent() {
    Logger log = start("sentry-masking-layout.xml").logger("com.shop.Payment");

    log.error("payment with card {} for {} failed", SecretsInText.CARD, "bob");

    Sentry.flush(WAIT); // Sentry Logs go out in batches, every 5 s unless flushed
    SecretsInText.assertOnlyTheLayoutsTextIsSent(receiver, WAIT);
  }

  @Test
  void withALayoutAndPiiTheTemplateAndParametersAreSentToo() {
    System.setProperty("sentry.test.pii", "true");
    Logger log = start("sentry-masking-layout.xml").logger("com.shop.Payment");

    log.error("payment with card {} for {} failed", SecretsInText.CARD, "bob");

    SecretsInText.assertTheParametersAreSentToo(receiver, WAIT);
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
