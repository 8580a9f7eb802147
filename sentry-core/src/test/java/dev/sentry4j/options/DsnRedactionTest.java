package dev.sentry4j.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sentry4j.Sentry;
import dev.sentry4j.spi.Diagnostics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A DSN in a message shows scheme, host and project, never the key or the secret. */
class DsnRedactionTest {

  @AfterEach
  void reset() {
    Sentry.close();
    Diagnostics.setOutput(System.err);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://pub123:sec456@o1.ingest.sentry.io/42   | https://***@o1.ingest.sentry.io/42",
        "https://pub123@o1.ingest.sentry.io:8443/p/42   | https://***@o1.ingest.sentry.io:8443/p/42",
        "http://pub123:sec456@host/42?sentry_key=pub123 | http://***@host/42?...",
        "https://o1.ingest.sentry.io/42                 | https://o1.ingest.sentry.io/42",
        "pub123:sec456                                  | <13 characters, not a URL>",
        "ftp://pub123:sec456@host                       | ftp://***@host",
        "https://pub:sec@ret@host/42                    | https://***@host/42",
      })
  void redactKeepsOnlyWhatIsNotACredential(String dsn, String shown) {
    assertThat(Dsn.redact(dsn)).isEqualTo(shown);
  }

  @Test
  void toStringOfAValidDsnHidesKeyAndSecret() {
    Dsn dsn = Dsn.parse("https://pub123:sec456@o1.ingest.sentry.io/42");

    assertThat(dsn.toString()).isEqualTo("https://***@o1.ingest.sentry.io/42");
    assertThat(dsn.getPublicKey()).isEqualTo("pub123");
    assertThat(
            SentryOptions.builder().setDsn("https://pub123:sec456@o1.ingest.sentry.io/42").getDsn())
        .as("the builder still round-trips what was configured")
        .isEqualTo("https://pub123:sec456@o1.ingest.sentry.io/42");
  }

  /** Every way an invalid DSN reaches the SDK: no message in the chain, no diagnostic shows it. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://pubkey77:sekrit77@o1.ingest.example/", // no project
        "ftp://pubkey77:sekrit77@o1.ingest.example/42", // bad scheme
        "https://pubkey77:sekrit77@/42", // no host
        "pubkey77:sekrit77", // not a URL
        "https://pubkey77:sekrit77@host/4 2", // not a URI
      })
  void anInvalidDsnsKeyAndSecretAreInNoMessage(String dsn) {
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    Diagnostics.setOutput(new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
    List<Throwable> thrown = new ArrayList<>();
    thrown.add(catchThrowable(() -> Dsn.parse(dsn)));
    thrown.add(catchThrowable(() -> SentryOptions.builder().setDsn(dsn)));
    thrown.add(catchThrowable(() -> SentryOptions.builder().setOption("dsn", dsn)));
    thrown.add(catchThrowable(() -> Sentry.init(o -> o.setDsn(dsn))));
    thrown.add(catchThrowable(() -> Sentry.init(dsn)));

    assertThat(thrown).allSatisfy(t -> assertThat(t).isInstanceOf(IllegalArgumentException.class));
    for (Throwable t : thrown) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        assertThat(c.getMessage()).doesNotContain("pubkey77").doesNotContain("sekrit77");
        assertThat(c.toString()).doesNotContain("sekrit77");
      }
    }
    assertThat(thrown.get(2).getMessage()).containsIgnoringCase("dsn");
    assertThat(diagnostics.toString(StandardCharsets.UTF_8))
        .doesNotContain("sekrit77")
        .doesNotContain("pubkey77");
  }

  @Test
  void anInvalidDsnFromASystemPropertyIsReportedWithoutItsSecret() {
    System.setProperty("sentry.dsn", "https://pubkey77:sekrit77@host/");
    try {
      assertThatThrownBy(() -> SentryOptions.fromEnvironment().build())
          .satisfies(
              t -> {
                for (Throwable c = t; c != null; c = c.getCause()) {
                  assertThat(c.getMessage()).doesNotContain("sekrit77").doesNotContain("pubkey77");
                }
              })
          .hasMessageContaining("sentry.dsn");
    } finally {
      System.clearProperty("sentry.dsn");
    }
  }
}
