package dev.sentry4j.spi.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.ReceivedLog;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.TraceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MDC keys that only repeat the record's trace (written by sentry-slf4j-mdc) are not sent twice.
 */
class LogCaptureTraceKeysTest {
  private final SentryReceiver receiver = SentryReceiver.start();

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void traceKeysInTheMdcBecomeNeitherExtrasNorLogAttributes() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setEnableLogs(true));
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    new LogCapture(LogCaptureSettings.builder("logback").build())
        .capture(
            LogRecord.builder(LogLevel.ERROR)
                .loggerName("com.shop.Pay")
                .thread("main", 1)
                .formattedMessage("payment failed")
                .mdc(
                    Map.of(
                        "trace_id",
                        traceId,
                        "span_id",
                        "00f067aa0ba902b7",
                        "trace_sampled",
                        "true",
                        "tenant",
                        "acme"))
                .trace(new TraceContext(traceId, "00f067aa0ba902b7", null, null, null, true))
                .build());
    assertThat(Sentry.flush(Duration.ofSeconds(10))).isTrue();

    ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    RelaySchema.assertValidEvent(event.json());
    assertThat(event.traceId()).isEqualTo(traceId);
    assertThat(event.extra().has("tenant")).isTrue();
    assertThat(
            event.extra().has("trace_id")
                || event.extra().has("span_id")
                || event.extra().has("trace_sampled"))
        .isFalse();
    List<ReceivedLog> logs = receiver.awaitLogs(1, Duration.ofSeconds(10));
    assertThat(logs.get(0).traceId()).isEqualTo(traceId);
    assertThat(logs.get(0).attributes())
        .containsKey("mdc.tenant")
        .doesNotContainKeys("mdc.trace_id", "mdc.span_id", "mdc.trace_sampled");
  }
}
