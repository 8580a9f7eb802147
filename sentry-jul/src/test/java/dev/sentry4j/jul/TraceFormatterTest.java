package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.Sentry;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.Transaction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceFormatterTest {
  private final Logger console = Logger.getLogger("com.acme.Console");

  @AfterEach
  void reset() {
    LogManager.getLogManager().reset();
    Sentry.close();
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
  }

  @Test
  void withoutItsOwnFormatItPrintsExactlyWhatSimpleFormatterPrints() {
    JulConfig.load("simple-format-only.properties", Map.of());
    LogRecord record = record();

    assertThat(new TraceFormatter().format(record)).isEqualTo(new SimpleFormatter().format(record));
  }

  @Test
  void formatsArgumentsOneToSixLikeSimpleFormatter() {
    String format = "%1$tF %1$tT.%1$tL %2$s|%3$s|%4$s|%5$s%6$s%n";
    JulConfig.load("simple-format-only.properties", Map.of());
    LogManager.getLogManager().reset();
    System.setProperty(TraceFormatter.SIMPLE_FORMAT_PROPERTY, format);
    try {
      LogRecord record = record();
      assertThat(new TraceFormatter(format).format(record))
          .isEqualTo(new SimpleFormatter().format(record))
          .contains("com.acme.Billing charge|com.acme.Billing|WARNING|charge 42 failed")
          .contains("java.lang.IllegalStateException: declined");
    } finally {
      System.clearProperty(TraceFormatter.SIMPLE_FORMAT_PROPERTY);
    }
  }

  @Test
  @SuppressWarnings("try") // the scope token is only closed
  void printsTheSpansIdsInsideASpanAndThePropagationContextsOutside() {
    TraceFormatter formatter = new TraceFormatter("%5$s [%7$s/%8$s]%n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamHandler handler = new StreamHandler(out, formatter);

    String ids;
    String outside;
    try (SentryReceiver receiver = SentryReceiver.start()) {
      Sentry.init(o -> o.setDsn(receiver.dsn()).setTracesSampleRate(1.0));
      outside = propagationIds();
      handler.publish(new LogRecord(Level.INFO, "outside"));
      try (Transaction span = Sentry.startTransaction("checkout", "task")) {
        ids = span.getTraceId() + "/" + span.getSpanId();
        handler.publish(new LogRecord(Level.INFO, "inside"));
        assertThat(formatter.format(new LogRecord(Level.INFO, "direct")))
            .isEqualTo("direct [" + ids + "]" + System.lineSeparator());
      }
      handler.flush();
    }

    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("outside [" + outside + "]", "inside [" + ids + "]");
  }

  /** The ids an error captured on this thread outside spans carries: its propagation context's. */
  private static String propagationIds() {
    return ScopeStorage.current().getTraceContext().getTraceId()
        + "/"
        + ScopeStorage.current().getTraceContext().getSpanId();
  }

  @Test
  @SuppressWarnings("try") // the scope token is only closed
  void aConsoleHandlerConfiguredInLoggingPropertiesPrintsTheIds() {
    String[] ids = new String[2];
    String printed =
        JulConfig.captureStderr(
            () -> {
              JulConfig.load("formatter.properties", Map.of());
              Sentry.init(o -> o.setDsn("http://key@127.0.0.1:9/1").setTracesSampleRate(1.0));
              assertThat(JulConfig.rootHandler(ConsoleHandler.class).getFormatter())
                  .isInstanceOf(TraceFormatter.class);
              ids[1] = propagationIds();
              console.info("outside a span");
              try (Transaction span = Sentry.startTransaction("console", "task")) {
                ids[0] = span.getTraceId() + "/" + span.getSpanId();
                console.info("inside a span");
              }
            });

    assertThat(printed.lines())
        .containsExactly(
            "INFO com.acme.Console [" + ids[1] + "] outside a span",
            "INFO com.acme.Console [" + ids[0] + "] inside a span");
  }

  @Test
  void anInvalidConfiguredFormatIsReportedAndSimpleFormattersFormatUsed() {
    String[] format = new String[1];
    String stderr =
        JulConfig.captureStderr(
            () -> {
              JulConfig.load("bad-format.properties", Map.of());
              format[0] = new TraceFormatter().getFormat();
            });

    assertThat(stderr).contains("java.util.logging.ErrorManager").contains("'%4$s %9$d %5$s%n'");
    assertThat(format[0]).isEqualTo("%4$s: %5$s%n");
  }

  @Test
  void withNoFormatConfiguredItUsesTheJdkDefault() {
    LogManager.getLogManager().reset();
    assertThat(new TraceFormatter().getFormat()).isEqualTo(TraceFormatter.JDK_DEFAULT_FORMAT);
  }

  @Test
  void anInvalidFormatInCodeFailsNamingIt() {
    assertThatThrownBy(() -> new TraceFormatter("%7$d oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'%7$d oops'");
  }

  private static LogRecord record() {
    LogRecord record = new LogRecord(Level.WARNING, "charge {0} failed");
    record.setParameters(new Object[] {42});
    record.setLoggerName("com.acme.Billing");
    record.setSourceClassName("com.acme.Billing");
    record.setSourceMethodName("charge");
    record.setInstant(Instant.parse("2026-03-01T10:15:30.123Z"));
    record.setThrown(new IllegalStateException("declined"));
    return record;
  }
}
