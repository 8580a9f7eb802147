package dev.sentry4j.internal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import dev.sentry4j.spi.logging.LogRecord;
import dev.sentry4j.testing.ReceivedLog;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sentry Logs go through the same scrubber as events: attributes and message parameters. */
class LogsPrivacyTest {
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void sensitiveAttributesAndParametersNeverLeaveInLogs() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setEnableLogs(true));
    Sentry.logger()
        .atInfo()
        .attribute("api_key", "k-123")
        .attribute("order", 7)
        .log("paid %s", "A-1");
    new LogCapture(LogCaptureSettings.builder("logback").build())
        .capture(
            LogRecord.builder(LogLevel.INFO)
                .loggerName("com.shop.Login")
                .thread("main", 1)
                .template("login for {} with password={}", List.of("jane", "hunter2"))
                .formattedMessage("login for jane with password=hunter2")
                .mdc(Map.of("password", "s3cret", "tenant", "acme"))
                .build());
    assertThat(Sentry.flush(Duration.ofSeconds(10))).isTrue();

    List<ReceivedLog> logs = receiver.awaitLogs(2, Duration.ofSeconds(10));
    String wire =
        new String(logs.get(0).envelope().body(), StandardCharsets.UTF_8)
            + new String(logs.get(1).envelope().body(), StandardCharsets.UTF_8);
    assertThat(wire).doesNotContain("k-123").doesNotContain("hunter2").doesNotContain("s3cret");
    ReceivedLog api =
        logs.stream().filter(l -> l.body().startsWith("paid")).findFirst().orElseThrow();
    assertThat(api.attribute("api_key").asText()).isEqualTo("[Filtered]");
    assertThat(api.attribute("order").asLong()).isEqualTo(7);
    ReceivedLog login =
        logs.stream().filter(l -> l.body().startsWith("login")).findFirst().orElseThrow();
    assertThat(login.body()).isEqualTo("login for jane with password=[Filtered]");
    assertThat(login.attribute("sentry.message.parameter.0").asText()).isEqualTo("jane");
    assertThat(login.attribute("sentry.message.parameter.1").asText()).isEqualTo("[Filtered]");
    assertThat(login.attribute("mdc.password").asText()).isEqualTo("[Filtered]");
    assertThat(login.attribute("mdc.tenant").asText()).isEqualTo("acme");
    assertThat(receiver.malformed()).isEmpty();
  }
}
