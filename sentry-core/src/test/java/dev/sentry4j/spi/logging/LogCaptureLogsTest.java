package dev.sentry4j.spi.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.logs.FakeSpan;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.ReceivedLog;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Sentry Logs branch of {@link LogCapture}, fed with hand-built records standing in for each
 * adapter (the adapters' own tests use the real frameworks).
 */
@Timeout(30)
class LogCaptureLogsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final TraceContext TRACE =
      new TraceContext(
          "771a43a4192642f0b136d5159a501700", "b0e6f15b45c36b12", null, null, null, null);

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

  private void init(Consumer<SentryOptions.Builder> more) {
    Sentry.init(
        options -> {
          options.setDsn(receiver.dsn());
          options.setEnableLogs(true);
          options.setServerName("web-1");
          more.accept(options);
        });
  }

  private List<ReceivedLog> flushAndAwait(int count) {
    assertThat(Sentry.flush(WAIT)).isTrue();
    List<ReceivedLog> logs = receiver.awaitLogs(count, WAIT);
    assertThat(receiver.malformed()).isEmpty();
    return logs;
  }

  /**
   * A line as an adapter reads it: Logback's {@code {}} template, MDC, SLF4J 2 key-value pairs...
   */
  private static LogRecord.Builder fullRecord(Instant at) {
    Map<String, Object> keyValues = new LinkedHashMap<>();
    keyValues.put("orderId", 42L);
    keyValues.put("paid", true);
    keyValues.put("amount", 9.5);
    keyValues.put("items", 3); // an Integer, as SLF4J users pass it
    keyValues.put("customer", "acme");
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("tenant", "acme");
    mdc.put("request_id", "r-1");
    return LogRecord.builder(LogLevel.WARN)
        .loggerName("com.example.Cart")
        .thread("http-nio-8080-exec-1", 31)
        .timestamp(at)
        .template("Cart {} has {} items", List.of(17, 3))
        .formattedMessage("Cart 17 has 3 items")
        .mdc(mdc)
        .keyValues(keyValues)
        .data(Map.of("ndc", List.of("outer", "inner")))
        .markers(List.of("AUDIT"))
        .source(new StackTraceElement("com.example.Cart", "checkout", "Cart.java", 88))
        .trace(TRACE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"logback", "log4j2", "jul"})
  void sendsAnAdapterLineWithAllItsAttributesAndTypes(String integration) {
    init(o -> o.setEnvironment("staging").setRelease("shop@1.4.2"));
    LogCapture capture = new LogCapture(LogCaptureSettings.builder(integration).build());
    Instant at = Instant.parse("2025-06-01T12:00:00.123456Z");

    capture.capture(fullRecord(at).build());

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.body()).isEqualTo("Cart 17 has 3 items");
    assertThat(log.level()).isEqualTo("warn");
    assertThat(log.severityNumber()).isEqualTo(13);
    assertThat(log.timestamp()).isEqualTo(1748779200.123456);
    assertThat(log.traceId()).isEqualTo(TRACE.getTraceId());
    assertThat(log.spanId()).isEqualTo(TRACE.getSpanId());

    Map<String, JsonNode> a = log.attributes();
    assertThat(a.get("sentry.origin").asText()).isEqualTo("auto.log." + integration);
    assertThat(a.get("sentry.message.template").asText()).isEqualTo("Cart {} has {} items");
    assertThat(a.get("sentry.message.parameter.0").asLong()).isEqualTo(17);
    assertThat(log.attributeType("sentry.message.parameter.0")).isEqualTo("integer");
    assertThat(a.get("sentry.message.parameter.1").asLong()).isEqualTo(3);
    assertThat(a.get("logger.name").asText()).isEqualTo("com.example.Cart");
    assertThat(a.get("thread.name").asText()).isEqualTo("http-nio-8080-exec-1");
    assertThat(a.get("thread.id").asLong()).isEqualTo(31);
    assertThat(log.attributeType("thread.id")).isEqualTo("integer");
    assertThat(a.get("mdc.tenant").asText()).isEqualTo("acme");
    assertThat(a.get("mdc.request_id").asText()).isEqualTo("r-1");
    assertThat(a.get("orderId").asLong()).isEqualTo(42);
    assertThat(log.attributeType("orderId")).isEqualTo("integer");
    assertThat(log.attributeType("items")).isEqualTo("integer");
    assertThat(a.get("paid").asBoolean()).isTrue();
    assertThat(log.attributeType("paid")).isEqualTo("boolean");
    assertThat(a.get("amount").asDouble()).isEqualTo(9.5);
    assertThat(log.attributeType("amount")).isEqualTo("double");
    assertThat(log.attributeType("customer")).isEqualTo("string");
    assertThat(a.get("ndc").asText()).isEqualTo("[outer, inner]");
    assertThat(a.get("marker").asText()).isEqualTo("AUDIT");
    assertThat(a.get("code.function.name").asText()).isEqualTo("com.example.Cart.checkout");
    assertThat(a.get("code.file.path").asText()).isEqualTo("Cart.java");
    assertThat(a.get("code.line.number").asLong()).isEqualTo(88);
    assertThat(a.get("sentry.environment").asText()).isEqualTo("staging");
    assertThat(a.get("sentry.release").asText()).isEqualTo("shop@1.4.2");
    assertThat(a.get("sentry.sdk.name").asText()).isEqualTo("sentry4j.java");
    assertThat(a.get("server.address").asText()).isEqualTo("web-1");
    assertThat(a).doesNotContainKeys("exception.type", "user.id", "tenant");
  }

  @Test
  void sendsEveryMdcEntryNotOnlyTheContextTags() {
    init(o -> {});
    LogCapture capture =
        new LogCapture(
            LogCaptureSettings.builder("logback").contextTags(java.util.Set.of("tenant")).build());
    capture.capture(fullRecord(Instant.now()).build());

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.attributes()).containsKeys("mdc.tenant", "mdc.request_id");
  }

  @Test
  void sendsOnlyLinesAtOrAboveMinimumLevel() {
    init(o -> {});
    LogCapture capture =
        new LogCapture(
            LogCaptureSettings.builder("logback")
                .minimumLevel(LogLevel.INFO)
                .minimumBreadcrumbLevel(LogLevel.ERROR)
                .build());
    capture.capture(plain(LogLevel.TRACE, "trace line"));
    capture.capture(plain(LogLevel.DEBUG, "debug line"));
    capture.capture(plain(LogLevel.INFO, "info line"));
    capture.capture(plain(LogLevel.WARN, "warn line"));

    assertThat(flushAndAwait(2))
        .extracting(ReceivedLog::body)
        .containsExactly("info line", "warn line");
  }

  @Test
  void aHigherMinimumLevelLeavesInfoOut() {
    init(o -> {});
    LogCapture capture =
        new LogCapture(LogCaptureSettings.builder("jul").minimumLevel(LogLevel.WARN).build());
    capture.capture(plain(LogLevel.INFO, "info line"));
    capture.capture(plain(LogLevel.WARN, "warn line"));

    assertThat(flushAndAwait(1)).extracting(ReceivedLog::body).containsExactly("warn line");
  }

  @Test
  void withoutEnableLogsLinesStillMakeEventsButNoLogs() {
    init(o -> o.setEnableLogs(false));
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("logback").build());
    capture.capture(plain(LogLevel.ERROR, "broken"));

    assertThat(Sentry.flush(WAIT)).isTrue();
    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValid(event);
    assertThat(receiver.logs()).isEmpty();
  }

  @Test
  void anErrorLineBecomesAnEventAndALogRecordWithTheExceptionNamed() {
    init(o -> {});
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("log4j2").build());
    capture.capture(
        LogRecord.builder(LogLevel.ERROR)
            .loggerName("com.example.Pay")
            .formattedMessage("payment failed")
            .throwable(new IllegalStateException("card declined"))
            .build());

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.level()).isEqualTo("error");
    assertThat(log.attribute("exception.type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(log.attribute("exception.message").asText()).isEqualTo("card declined");
    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.traceId()).isEqualTo(log.traceId());
  }

  @Test
  void aLineWithoutParametersHasNoTemplate() {
    init(o -> {});
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("logback").build());
    capture.capture(
        LogRecord.builder(LogLevel.INFO)
            .template("started", List.of())
            .formattedMessage("started")
            .build());

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.body()).isEqualTo("started");
    assertThat(log.attributes())
        .doesNotContainKeys("sentry.message.template", "sentry.message.parameter.0");
  }

  @Test
  void aLineWithoutATraceTakesTheLoggingThreadsSpan() {
    init(o -> {});
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("logback").build());
    try (var ignored = Sentry.newScope()) {
      Sentry.getCurrentScope().setSpan(new FakeSpan());
      capture.capture(plain(LogLevel.INFO, "in a span"));
    }

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.traceId()).isEqualTo(FakeSpan.TRACE_ID);
    assertThat(log.spanId()).isEqualTo(FakeSpan.SPAN_ID);
  }

  @Test
  void aNullMessageIsSentWithAnEmptyBody() {
    init(o -> {});
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("jul").build());
    capture.capture(LogRecord.builder(LogLevel.INFO).loggerName("x").build());

    assertThat(flushAndAwait(1).get(0).body()).isEmpty();
  }

  @Test
  void aThrowingArgumentToStringIsDescribedNotPropagated() {
    init(o -> {});
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("logback").build());
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no");
          }
        };
    capture.capture(
        LogRecord.builder(LogLevel.INFO)
            .template("value {}", List.of(hostile))
            .formattedMessage("value ?")
            .build());

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.attribute("sentry.message.parameter.0").asText()).contains("toString() threw");
  }

  private static LogRecord plain(LogLevel level, String message) {
    return LogRecord.builder(level)
        .loggerName("com.example.App")
        .thread(Thread.currentThread().getName(), Thread.currentThread().getId())
        .formattedMessage(message)
        .build();
  }
}
