package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.Transaction;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SentryHandlerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  // Strong references: JUL keeps loggers only weakly.
  private final Logger log = Logger.getLogger("com.acme.Checkout");
  private final List<Logger> keep = new ArrayList<>();
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

  // ------------------------------------------------------------------ the user's quick start

  @Test
  @SuppressWarnings("try") // the scope token is only closed
  void quickStartSendsSevereWithExceptionEarlierLinesAsBreadcrumbsAndPrintsTheTraceId() {
    String[] ids = new String[3];
    String console =
        JulConfig.captureStderr(
            () -> {
              JulConfig.load("quickstart.properties", receiver.dsn());
              ids[2] =
                  ScopeStorage.current().getTraceContext().getTraceId(); // the thread's own trace
              log.info("cart loaded");
              log.log(Level.WARNING, "slow {0}", "A-17");
              log.fine("below every threshold");
              try (Transaction span = Sentry.startTransaction("checkout", "task")) {
                ids[0] = span.getTraceId();
                ids[1] = span.getSpanId();
                log.log(Level.SEVERE, "payment failed", paymentFailure());
              }
            });

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.level()).isEqualTo("error");
    assertThat(event.logger()).isEqualTo("com.acme.Checkout");
    assertThat(event.json().at("/logentry/message").asText()).isEqualTo("payment failed");
    assertThat(event.exceptions())
        .extracting(e -> e.get("type").asText())
        .containsExactlyInAnyOrder(
            "IllegalStateException", "IOException", "IllegalArgumentException");
    JsonNode top = event.exceptions().get(event.exceptions().size() - 1);
    assertThat(top.get("type").asText()).isEqualTo("IllegalStateException");
    assertThat(top.at("/mechanism/type").asText()).isEqualTo("auto.log.jul");
    assertThat(top.at("/mechanism/handled").asBoolean()).isTrue();
    assertThat(event.exceptions())
        .extracting(e -> e.at("/mechanism/source").asText())
        .contains("cause", "suppressed[0]");
    assertThat(event.breadcrumbs())
        .extracting(
            b -> b.get("message").asText(),
            b -> b.get("level").asText(),
            b -> b.get("category").asText())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cart loaded", "info", "com.acme.Checkout"),
            org.assertj.core.groups.Tuple.tuple("slow A-17", "warning", "com.acme.Checkout"));
    assertThat(event.traceId()).isEqualTo(ids[0]);
    assertThat(event.spanId()).isEqualTo(ids[1]);
    assertThat(event.extra().get("thread_name").asText())
        .isEqualTo(Thread.currentThread().getName());
    assertThat(event.extra().get("source").asText())
        .startsWith(SentryHandlerTest.class.getName() + ".lambda$quickStartSends");
    assertThat(event.json().at("/sdk/integrations").toString()).contains("\"jul\"");
    RelaySchema.assertValid(event);
    assertThat(receiver.malformed()).isEmpty();

    List<String> lines = console.lines().collect(Collectors.toList());
    // outside the transaction: the thread's propagation context's trace, what its errors carry
    assertThat(lines.get(0))
        .matches(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d INFO \\["
                + ids[2]
                + "] com.acme.Checkout - cart loaded");
    assertThat(lines.get(1)).endsWith(" WARNING [" + ids[2] + "] com.acme.Checkout - slow A-17");
    assertThat(lines.get(2))
        .endsWith(" SEVERE [" + ids[0] + "] com.acme.Checkout - payment failed");
    assertThat(lines.get(3)).isEqualTo("java.lang.IllegalStateException: card declined");
    assertThat(console).doesNotContain("below every threshold");
  }

  // ------------------------------------------------------------------ thresholds and levels

  @Test
  void thresholdsApplyAtEachBoundary() {
    JulConfig.load("thresholds.properties", receiver.dsn());
    log.finest("finest");
    log.finer("finer");
    log.fine("fine");
    log.config("config");
    log.info("info");
    log.warning("warning");
    log.severe("severe");

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    ReceivedEvent warning = find(events, "warning");
    ReceivedEvent severe = find(events, "severe");
    assertThat(warning.level()).isEqualTo("warning");
    // CONFIG maps to DEBUG (as in sentry-java), so a CONFIG threshold lets FINE through too
    assertThat(messages(warning.breadcrumbs())).containsExactly("fine", "config", "info");
    assertThat(warning.breadcrumbs())
        .extracting(b -> b.get("level").asText())
        .containsExactly("debug", "debug", "info");
    assertThat(severe.level()).isEqualTo("error");
    assertThat(messages(severe.breadcrumbs())).containsExactly("fine", "config", "info", "warning");
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.events()).hasSize(2);
    events.forEach(RelaySchema::assertValid);
  }

  @Test
  void acceptsLogbackStyleLevelNames() {
    JulConfig.load("logback-names.properties", receiver.dsn());
    log.finer("finer is trace");
    log.fine("fine is debug");
    log.warning("warning is warn");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.message()).isEqualTo("warning is warn");
    assertThat(event.breadcrumbs())
        .extracting(b -> b.get("message").asText(), b -> b.get("level").asText())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fine is debug", "debug"));
    RelaySchema.assertValid(event);
  }

  @Test
  void mapsCustomLevelsByTheirValue() {
    JulConfig.load("thresholds.properties", receiver.dsn()); // events from WARNING (900)
    log.log(new CustomLevel("AUDIT", 850), "audit is info");
    log.log(new CustomLevel("NOTICE", 950), "notice is a warning");
    log.log(new CustomLevel("ALERT", 1100), "alert is an error");

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    assertThat(find(events, "notice is a warning").level()).isEqualTo("warning");
    ReceivedEvent alert = find(events, "alert is an error");
    assertThat(alert.level()).isEqualTo("error");
    assertThat(alert.breadcrumbs())
        .extracting(b -> b.get("message").asText(), b -> b.get("level").asText())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("audit is info", "info"),
            org.assertj.core.groups.Tuple.tuple("notice is a warning", "warning"));
    events.forEach(RelaySchema::assertValid);
  }

  @Test
  void defaultHandlerLevelIsAllSoTheThresholdsAloneDecide() {
    JulConfig.load("default-level.properties", receiver.dsn());
    SentryHandler handler = JulConfig.rootHandler(SentryHandler.class);
    assertThat(handler.getLevel()).isEqualTo(Level.ALL);

    log.finest("finest breadcrumb");
    log.fine("fine event");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.message()).isEqualTo("fine event");
    assertThat(event.level()).isEqualTo("debug");
    assertThat(event.breadcrumbs())
        .extracting(b -> b.get("message").asText(), b -> b.get("level").asText())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("finest breadcrumb", "debug"));
    RelaySchema.assertValid(event);
  }

  @Test
  void handlerLevelFromTheConfigurationFiltersFirst() {
    JulConfig.load("handler-level.properties", receiver.dsn()); // level=WARNING, events from INFO
    assertThat(JulConfig.rootHandler(SentryHandler.class).getLevel()).isEqualTo(Level.WARNING);
    log.info("info is below the handler's level");
    log.warning("warning passes");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.message()).isEqualTo("warning passes");
    assertThat(event.breadcrumbs()).isEmpty();
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.events()).hasSize(1);
    RelaySchema.assertValid(event);
  }

  // ------------------------------------------------------------------ messages

  @Test
  void keepsTemplateAndParametersAndFormatsTheJulWay() {
    JulConfig.load("thresholds.properties", receiver.dsn());
    log.log(Level.WARNING, "slow {0} after {1} ms", new Object[] {"A-17", 250});
    log.log(Level.WARNING, "literal {braces} are no pattern", "unused");

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    ReceivedEvent slow = find(events, "slow A-17 after 250 ms");
    assertThat(slow.json().at("/logentry/message").asText()).isEqualTo("slow {0} after {1} ms");
    assertThat(texts(slow.json().at("/logentry/params"))).containsExactly("A-17", "250");
    ReceivedEvent literal = find(events, "literal {braces} are no pattern");
    assertThat(literal.json().at("/logentry/message").asText())
        .isEqualTo("literal {braces} are no pattern");
    assertThat(texts(literal.json().at("/logentry/params"))).containsExactly("unused");
    events.forEach(RelaySchema::assertValid);
  }

  @Test
  void localizesMessagesFromTheLoggersResourceBundle() {
    JulConfig.load("thresholds.properties", receiver.dsn());
    Logger orders = keep(Logger.getLogger("com.acme.Orders", "dev.sentry4j.jul.TestMessages"));
    orders.info("cart.loaded");
    orders.log(Level.SEVERE, "order.failed", new Object[] {"A-17", 3});

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.message()).isEqualTo("Order A-17 failed after 3 tries");
    assertThat(event.json().at("/logentry/message").asText())
        .isEqualTo("Order {0} failed after {1} tries");
    assertThat(texts(event.json().at("/logentry/params"))).containsExactly("A-17", "3");
    assertThat(messages(event.breadcrumbs())).containsExactly("Cart loaded");
    RelaySchema.assertValid(event);
  }

  @Test
  void nullMessagesAreSentWithoutText() {
    JulConfig.load("options.properties", receiver.dsn());
    log.log(Level.SEVERE, (String) null);
    log.log(Level.SEVERE, null, new IllegalStateException("only an exception"));

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    assertThat(events).allSatisfy(e -> assertThat(e.json().has("logentry")).isFalse());
    assertThat(events)
        .extracting(ReceivedEvent::message)
        .containsExactlyInAnyOrder(null, "IllegalStateException: only an exception");
    events.forEach(RelaySchema::assertValid);
  }

  @Test
  void aOneMegabyteMessageArrivesTrimmed() {
    JulConfig.load("options.properties", receiver.dsn());
    log.severe("x".repeat(1024 * 1024));

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.message()).startsWith("xxxx").hasSizeLessThan(1024 * 1024);
    RelaySchema.assertValid(event);
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void anArgumentWhoseToStringThrowsLeavesThePatternAsJulDoes() {
    JulConfig.load("options.properties", receiver.dsn());
    Object broken =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("toString broke");
          }
        };
    assertThatCode(() -> log.log(Level.SEVERE, "value {0}", broken)).doesNotThrowAnyException();

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.message()).isEqualTo("value {0}");
    assertThat(texts(event.json().at("/logentry/params")).get(0)).contains("toString() threw");
    RelaySchema.assertValid(event);
  }

  @Test
  void aLineLoggedWhileHandlingALineIsNotCapturedAgain() {
    JulConfig.load("options.properties", receiver.dsn());
    Logger inner = keep(Logger.getLogger("com.acme.Inner"));
    Object loud =
        new Object() {
          @Override
          public String toString() {
            inner.severe("logged from toString");
            return "loud";
          }
        };
    log.log(Level.SEVERE, "value {0}", loud);

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.message()).isEqualTo("value loud");
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.events()).hasSize(1);
    assertThat(event.breadcrumbs()).isEmpty();
    RelaySchema.assertValid(event);
  }

  // ------------------------------------------------------------------ options, MDC, thread, source

  @Test
  void appliesCoreOptionsAndMapsSlf4jMdcToTagsAndExtras() {
    JulConfig.load("options.properties", receiver.dsn());
    log.info("one");
    log.info("two");
    log.info("three");
    MDC.put("tenant", "acme");
    MDC.put("region", "eu");
    MDC.put("request_id", "r-1");
    log.severe("checkout failed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.tags()).containsEntry("tenant", "acme").containsEntry("region", "eu");
    assertThat(event.tags()).doesNotContainKey("request_id");
    assertThat(event.extra().get("request_id").asText()).isEqualTo("r-1");
    assertThat(event.json().get("environment").asText()).isEqualTo("staging");
    assertThat(event.json().get("release").asText()).isEqualTo("shop@1.4.2");
    assertThat(event.json().get("server_name").asText()).isEqualTo("checkout-1");
    assertThat(messages(event.breadcrumbs())).containsExactly("two", "three"); // maxBreadcrumbs=2
    RelaySchema.assertValid(event);
  }

  @Test
  void mdcAsContextPutsTheRestOfTheMdcIntoAnMdcContext() {
    JulConfig.load("mdc-context.properties", receiver.dsn());
    MDC.put("tenant", "acme");
    MDC.put("request_id", "r-1");
    log.severe("checkout failed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.tags()).containsEntry("tenant", "acme");
    assertThat(event.contexts().at("/MDC/request_id").asText()).isEqualTo("r-1");
    assertThat(event.extra() == null || !event.extra().has("request_id")).isTrue();
    RelaySchema.assertValid(event);
  }

  @Test
  void namesTheLoggingThreadAndFallsBackToItsIdForRecordsPublishedElsewhere() throws Exception {
    JulConfig.load("options.properties", receiver.dsn());
    Thread worker = new Thread(() -> log.severe("from the worker"), "checkout-worker");
    worker.start();
    worker.join(5_000);

    LogRecord[] handedOver = new LogRecord[1];
    Thread producer =
        new Thread(
            () -> {
              handedOver[0] = new LogRecord(Level.SEVERE, "handed over");
              handedOver[0].setLoggerName("com.acme.Async");
            },
            "producer");
    producer.start();
    producer.join(5_000);
    JulConfig.rootHandler(SentryHandler.class).publish(handedOver[0]);

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    assertThat(find(events, "from the worker").extra().get("thread_name").asText())
        .isEqualTo("checkout-worker");
    assertThat(find(events, "handed over").extra().get("thread_name").asText())
        .isEqualTo("thread-" + producer.getId());
    events.forEach(RelaySchema::assertValid);
  }

  @Test
  void readsTheSourceOnlyForEventsAndNothingForIgnoredRecords() {
    JulConfig.load("options.properties", receiver.dsn());
    SentryHandler handler = JulConfig.rootHandler(SentryHandler.class);
    CountingRecord ignored = new CountingRecord(Level.FINE, "ignored");
    CountingRecord breadcrumb = new CountingRecord(Level.INFO, "breadcrumb only");
    CountingRecord event = new CountingRecord(Level.SEVERE, "an event");

    handler.publish(ignored);
    handler.publish(breadcrumb);
    handler.publish(event);

    assertThat(ignored.reads).isZero();
    assertThat(breadcrumb.sourceReads).isZero();
    assertThat(event.sourceReads).isPositive();
    ReceivedEvent received = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(messages(received.breadcrumbs())).containsExactly("breadcrumb only");
    RelaySchema.assertValid(received);
  }

  @Test
  void neverCapturesTheSdksOwnLoggers() {
    JulConfig.load("options.properties", receiver.dsn());
    keep(Logger.getLogger("dev.sentry4j.internal.transport.AsyncTransport")).severe("sdk line");
    log.severe("application line");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.events()).hasSize(1);
    assertThat(event.message()).isEqualTo("application line");
    assertThat(event.breadcrumbs()).isEmpty();
    RelaySchema.assertValid(event);
  }

  // ------------------------------------------------------------------ configuration

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sampleRate | 7",
        "minimumEventLevel | LOUD",
        "minimumBreadcrumbLevel | 12x",
        "level | LOUDER",
        "dsn | ftp://example.com/1",
        "maxBreadcrumbs | -1",
        "mdcAsContext | maybe",
        "filter | com.example.MissingFilter",
      })
  void aBadValueIsReportedWithKeyAndValueAndTheHandlerStaysOff(String key, String value) {
    String stderr =
        JulConfig.captureStderr(
            () -> {
              JulConfig.load(
                  "bad-value.properties",
                  Map.of("DSN", receiver.dsn(), "KEY", key, "VALUE", value));
              JulConfig.rootHandler(SentryHandler.class);
            });

    assertThat(stderr)
        .contains("java.util.logging.ErrorManager")
        .contains("dev.sentry4j.jul.SentryHandler." + key + "=" + value)
        .contains("stays off");
    SentryHandler handler = JulConfig.rootHandler(SentryHandler.class);
    assertThat(handler.isOn()).isFalse();
    assertThat(Sentry.isInitialized()).isFalse();
    assertThatCode(() -> log.severe("the application keeps running")).doesNotThrowAnyException();
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void usesAClientTheApplicationInitializedAndLeavesItOpen() {
    Sentry.init(
        options -> {
          options.setDsn(receiver.dsn());
          options.setEnvironment("from-code");
        });
    JulConfig.load(
        "options.properties", "http://otherkey@127.0.0.1:9/9"); // ignored: the app's client wins
    log.severe("sent with the app's client");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().get("environment").asText()).isEqualTo("from-code");
    LogManager.getLogManager().reset(); // closes the handler
    assertThat(Sentry.isInitialized()).isTrue();
    RelaySchema.assertValid(event);
  }

  @Test
  void worksWhenInstalledInCode() {
    SentryHandler handler =
        new SentryHandler(
            SentryOptions.builder().setDsn(receiver.dsn()).setRelease("code@1"),
            LogCaptureSettings.builder("jul").minimumEventLevel(LogLevel.WARN).build());
    Logger programmatic = keep(Logger.getLogger("com.acme.Programmatic"));
    programmatic.setUseParentHandlers(false);
    programmatic.addHandler(handler);
    try {
      assertThat(handler.getLevel()).isEqualTo(Level.ALL);
      programmatic.warning("installed in code");
      ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
      assertThat(event.level()).isEqualTo("warning");
      assertThat(event.json().get("release").asText()).isEqualTo("code@1");
      RelaySchema.assertValid(event);
    } finally {
      programmatic.removeHandler(handler);
      handler.close();
    }
    assertThat(Sentry.isInitialized()).isFalse(); // it initialized the SDK, so it closed it
  }

  // ------------------------------------------------------------------ flush, close, errors

  @Test
  void flushSendsEverythingCapturedSoFar() {
    JulConfig.load("options.properties", receiver.dsn());
    log.severe("flushed");
    JulConfig.rootHandler(SentryHandler.class).flush();
    assertThat(receiver.events()).extracting(ReceivedEvent::message).containsExactly("flushed");
    receiver.events().forEach(RelaySchema::assertValid);
  }

  @Test
  void closingTheLogManagerHandsOverAndClosesTheSdkTheHandlerStarted() {
    JulConfig.load("options.properties", receiver.dsn());
    for (int i = 0; i < 5; i++) {
      log.severe("before close " + i);
    }
    LogManager.getLogManager().reset(); // returns at once: the SDK sends in the background

    assertThat(receiver.awaitEvents(5, java.time.Duration.ofSeconds(10))).hasSize(5);
    assertThat(Sentry.isInitialized()).isFalse();
    receiver.events().forEach(RelaySchema::assertValid);
  }

  @Test
  void failuresGoToTheErrorManagerAtMostOnceAMinuteAndNeverToTheCaller() {
    JulConfig.load("throwing-filter.properties", receiver.dsn());
    SentryHandler handler = JulConfig.rootHandler(SentryHandler.class);
    RecordingErrorManager errors = new RecordingErrorManager();
    handler.setErrorManager(errors);

    assertThatCode(
            () -> {
              log.severe("one");
              log.severe("two");
            })
        .doesNotThrowAnyException();

    assertThat(errors.reports).hasSize(1);
    assertThat(errors.reports.get(0)).contains("filter broke on one");
  }

  @Test
  void forwardsSdkWarningsToTheErrorManagerUntilClosed() {
    JulConfig.load("options.properties", receiver.dsn());
    SentryHandler handler = JulConfig.rootHandler(SentryHandler.class);
    RecordingErrorManager errors = new RecordingErrorManager();
    handler.setErrorManager(errors);

    Diagnostics.warn("queue nearly full (test 1)");
    handler.close();
    Diagnostics.warn("queue nearly full (test 2)");

    assertThat(errors.reports).containsExactly("0: sentry4j: queue nearly full (test 1)");
  }

  // ------------------------------------------------------------------ helpers

  private static IllegalStateException paymentFailure() {
    IllegalStateException failure =
        new IllegalStateException("card declined", new IOException("gateway timeout"));
    failure.addSuppressed(new IllegalArgumentException("retry failed"));
    return failure;
  }

  private Logger keep(Logger logger) {
    keep.add(logger);
    return logger;
  }

  private static ReceivedEvent find(List<ReceivedEvent> events, String message) {
    return events.stream()
        .filter(e -> message.equals(e.message()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event '" + message + "' in " + events));
  }

  private static List<String> messages(List<JsonNode> breadcrumbs) {
    return breadcrumbs.stream().map(b -> b.get("message").asText()).collect(Collectors.toList());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** A level of the application's own, between the standard ones. */
  private static final class CustomLevel extends Level {
    private static final long serialVersionUID = 1L;

    CustomLevel(String name, int value) {
      super(name, value);
    }
  }

  /** Counts what the handler reads from a record. */
  private static final class CountingRecord extends LogRecord {
    private static final long serialVersionUID = 1L;
    int reads;
    int sourceReads;

    CountingRecord(Level level, String message) {
      super(level, message);
      setLoggerName("com.acme.Counting");
    }

    @Override
    public String getMessage() {
      reads++;
      return super.getMessage();
    }

    @Override
    public Object[] getParameters() {
      reads++;
      return super.getParameters();
    }

    @Override
    public String getSourceClassName() {
      sourceReads++;
      return super.getSourceClassName();
    }
  }
}
