package dev.sentry4j.spi.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Hint;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LogCapture#captureBreadcrumb}, the adapters' path for lines that can only become
 * breadcrumbs, and {@link LogCapture#needsRecord}, which decides it: the breadcrumb an event then
 * carries is the one {@link LogCapture#capture} makes from a whole record.
 */
@Timeout(30)
class LogCaptureBreadcrumbTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456Z");

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
          more.accept(options);
        });
  }

  private static LogCapture capture() {
    return new LogCapture(LogCaptureSettings.builder("logback").build()); // ERROR / INFO / INFO
  }

  /** The breadcrumbs of the one event captured after the lines under test. */
  private List<JsonNode> breadcrumbsOfNextEvent() {
    Sentry.captureMessage("boom");
    assertThat(Sentry.flush(WAIT)).isTrue();
    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValidEvent(event.json());
    return event.breadcrumbs();
  }

  @Test
  void argumentsMatterOnlyForTemplatesWhoseParametersTheDenyListCanFilter() {
    init(o -> {});
    LogCapture capture = capture();
    // where the arguments cannot matter, leaving them out gives the same text
    for (String template : new String[] {"order {} accepted", "no placeholder: here", null}) {
      assertThat(LogCapture.argumentsMatterFor(template)).as(template).isFalse();
    }
    capture.captureBreadcrumb(
        LogLevel.INFO, "com.example.Cart", AT, "order s3cret accepted", "order {} accepted", null);
    assertThat(LogCapture.argumentsMatterFor("login with password={}")).isTrue();
    assertThat(LogCapture.argumentsMatterFor("token: {}")).isTrue();
    capture.captureBreadcrumb(
        LogLevel.INFO,
        "com.example.Cart",
        AT,
        "login with password=s3cret",
        "login with password={}",
        new Object[] {"s3cret"});

    assertThat(breadcrumbsOfNextEvent())
        .extracting(b -> b.path("message").asText())
        .containsExactly("order s3cret accepted", "login with password=[Filtered]");
  }

  @Test
  void aBreadcrumbOnlyLineLooksLikeOneMadeFromAWholeRecord() {
    init(o -> {});
    LogCapture capture = capture();
    capture.captureBreadcrumb(LogLevel.WARN, "com.example.Cart", AT, "cart 17 is slow");
    capture.capture(
        LogRecord.builder(LogLevel.WARN)
            .loggerName("com.example.Cart")
            .timestamp(AT)
            .template("cart {} is slow", List.of(17))
            .formattedMessage("cart 17 is slow")
            .build());

    List<JsonNode> crumbs = breadcrumbsOfNextEvent();

    assertThat(crumbs).hasSize(2);
    assertThat(crumbs.get(0)).isEqualTo(crumbs.get(1));
    JsonNode crumb = crumbs.get(0);
    assertThat(crumb.path("category").asText()).isEqualTo("com.example.Cart");
    assertThat(crumb.path("level").asText()).isEqualTo("warning");
    assertThat(crumb.path("message").asText()).isEqualTo("cart 17 is slow");
    // seconds since the epoch, with a fraction
    assertThat(crumb.path("timestamp").asDouble())
        .isCloseTo(
            AT.getEpochSecond() + AT.getNano() / 1e9, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void linesBelowTheBreadcrumbThresholdAddNothing() {
    init(o -> {});
    capture().captureBreadcrumb(LogLevel.DEBUG, "com.example.Cart", AT, "debug detail");

    assertThat(breadcrumbsOfNextEvent()).isEmpty();
  }

  @Test
  void aBeforeBreadcrumbCallbackGetsTheLineInItsHintAndCanDropIt() {
    List<LogRecord> seen = new ArrayList<>();
    init(
        o ->
            o.setBeforeBreadcrumb(
                (crumb, hint) -> {
                  LogRecord record =
                      hint == null ? null : hint.get(Hint.LOG_RECORD, LogRecord.class);
                  seen.add(record);
                  return crumb.getMessage().contains("secret") ? null : crumb;
                }));
    LogCapture capture = capture();
    capture.captureBreadcrumb(LogLevel.INFO, "com.example.Cart", AT, "cart loaded");
    capture.captureBreadcrumb(LogLevel.INFO, "com.example.Cart", AT, "a secret line");

    List<JsonNode> crumbs = breadcrumbsOfNextEvent();

    assertThat(crumbs).extracting(c -> c.path("message").asText()).containsExactly("cart loaded");
    assertThat(seen).hasSize(2).doesNotContainNull();
    LogRecord first = seen.get(0);
    assertThat(first.getLevel()).isEqualTo(LogLevel.INFO);
    assertThat(first.getLoggerName()).isEqualTo("com.example.Cart");
    assertThat(first.getTimestamp()).isEqualTo(AT);
    assertThat(first.getFormattedMessage()).isEqualTo("cart loaded");
  }

  @Test
  void withoutATimestampTheBreadcrumbIsStampedNow() {
    init(o -> {});
    Instant before = Instant.now();
    capture().captureBreadcrumb(LogLevel.INFO, "com.example.Cart", null, "cart loaded");

    JsonNode crumb = breadcrumbsOfNextEvent().get(0);

    assertThat(crumb.path("timestamp").asDouble())
        .isGreaterThanOrEqualTo(before.toEpochMilli() / 1000.0 - 0.001);
  }

  @Test
  void aDisabledSdkAddsNothingAndDoesNotThrow() {
    LogCapture capture = capture();
    capture.captureBreadcrumb(LogLevel.INFO, "com.example.Cart", AT, "before init");

    init(o -> {});
    assertThat(breadcrumbsOfNextEvent()).isEmpty();
  }

  @Test
  void onlyEventLevelsAndSentryLogsNeedTheWholeRecord() {
    init(o -> {});
    LogCapture capture = capture();
    assertThat(capture.needsRecord(LogLevel.ERROR, Sentry.getClient())).isTrue();
    assertThat(capture.needsRecord(LogLevel.WARN, Sentry.getClient())).isFalse();
    assertThat(capture.needsRecord(LogLevel.INFO, Sentry.getClient())).isFalse();

    Sentry.close();
    init(o -> o.setEnableLogs(true));
    assertThat(capture.needsRecord(LogLevel.INFO, Sentry.getClient())).isTrue();
    assertThat(capture.needsRecord(LogLevel.DEBUG, Sentry.getClient())).isFalse();
  }

  @Test
  void aBreadcrumbOnlyLineKeepsItsOwnTimeToTheMicrosecondWithoutAnInstant() {
    init(o -> {});
    LogCapture capture = capture();

    boolean added =
        capture.captureBreadcrumbOnly(
            LogLevel.INFO,
            "com.example.Cart",
            1_700_000_000L,
            123_456_789,
            "cart loaded",
            null,
            null);
    boolean filtered =
        capture.captureBreadcrumbOnly(
            LogLevel.WARN,
            "com.example.Cart",
            1_700_000_001L,
            5_000,
            () -> "login with password=s3cret",
            "login with password={}",
            new Object[] {"s3cret"});

    assertThat(added).isTrue();
    assertThat(filtered).isTrue();
    List<JsonNode> crumbs = breadcrumbsOfNextEvent();
    assertThat(crumbs)
        .extracting(b -> b.path("level").asText() + " " + b.path("message").asText())
        .containsExactly("info cart loaded", "warning login with password=[Filtered]");
    assertThat(crumbs.get(0).path("category").asText()).isEqualTo("com.example.Cart");
    // the wire keeps microseconds: 1700000000.123456, not a millisecond or "now"
    assertThat(crumbs.get(0).path("timestamp").asDouble())
        .isCloseTo(1_700_000_000.123456, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(crumbs.get(1).path("timestamp").asDouble())
        .isCloseTo(1_700_000_001.000005, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aLineThatNeedsItsWholeRecordIsLeftToCaptureAndAddsNothing() {
    init(o -> o.setEnableLogs(true));
    LogCapture capture = capture();

    // with Sentry Logs on, an INFO line is a log record too: the adapter must call capture()
    assertThat(
            capture.captureBreadcrumbOnly(
                LogLevel.INFO, "com.example.Cart", 1_700_000_000L, 0, "as a log", null, null))
        .isFalse();
    assertThat(
            capture.captureBreadcrumbOnly(
                LogLevel.ERROR, "com.example.Cart", 1_700_000_000L, 0, "an event", null, null))
        .isFalse();
    // below the logs threshold (INFO) it is a breadcrumb at most: here below that too
    assertThat(
            capture.captureBreadcrumbOnly(
                LogLevel.DEBUG, "com.example.Cart", 1_700_000_000L, 0, "debug", null, null))
        .isTrue();

    assertThat(breadcrumbsOfNextEvent()).isEmpty();
  }

  @Test
  void aBreadcrumbOnlyLineReachesBeforeBreadcrumbWithItsTimeAsAnInstant() {
    List<LogRecord> seen = new ArrayList<>();
    List<Instant> stamps = new ArrayList<>();
    init(
        o ->
            o.setBeforeBreadcrumb(
                (crumb, hint) -> {
                  seen.add(hint.get(Hint.LOG_RECORD, LogRecord.class));
                  stamps.add(crumb.getTimestamp());
                  return crumb;
                }));
    capture()
        .captureBreadcrumbOnly(
            LogLevel.INFO,
            "com.example.Cart",
            1_700_000_000L,
            123_456_789,
            () -> "order A-1 accepted",
            "order {} accepted",
            new Object[] {"A-1"});

    assertThat(breadcrumbsOfNextEvent())
        .extracting(b -> b.path("message").asText())
        .containsExactly("order A-1 accepted");
    Instant at = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
    assertThat(stamps).containsExactly(at);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).getTimestamp()).isEqualTo(at);
    assertThat(seen.get(0).getFormattedMessage()).isEqualTo("order A-1 accepted");
  }

  /** A formatter like a framework's: each placeholder gets the next argument. */
  private static final Breadcrumb.TextFormat BRACES =
      (template, args) -> {
        String text = template;
        for (Object a : args) {
          text = text.replaceFirst("\\{}", String.valueOf(a));
        }
        return text;
      };

  @Test
  void aLineWithTheFrameworksFormatIsFormattedOnlyWhenSentAndLikeAnEagerOne() {
    init(o -> {});
    LogCapture capture = capture();
    int[] calls = {0};
    Breadcrumb.TextFormat counting =
        (template, args) -> {
          calls[0]++;
          return BRACES.format(template, args);
        };
    String template = "order {} accepted";
    capture.captureBreadcrumbOnly(
        LogLevel.INFO, "com.example.Cart", 1_700_000_000L, 0, counting, template, (Object) "A-1");
    capture.captureBreadcrumbOnly(
        LogLevel.INFO,
        "com.example.Cart",
        1_700_000_000L,
        0,
        counting,
        "{} of {} items",
        new Object[] {2, 3});
    capture.captureBreadcrumbOnly(
        LogLevel.INFO, "com.example.Cart", 1_700_000_000L, 0, counting, template, (Object) null);
    capture.captureBreadcrumbOnly(
        LogLevel.INFO, "com.example.Cart", 1_700_000_000L, 0, counting, "no args", new Object[0]);
    // the deny-list still applies to a parameter after a key, when the text is made
    capture.captureBreadcrumbOnly(
        LogLevel.WARN,
        "com.example.Cart",
        1_700_000_000L,
        0,
        counting,
        "login with password={}",
        (Object) "s3cret");
    assertThat(calls[0]).as("nothing formatted while only logging").isZero();

    assertThat(breadcrumbsOfNextEvent())
        .extracting(b -> b.path("message").asText())
        .containsExactly(
            "order A-1 accepted",
            "2 of 3 items",
            "order null accepted",
            "no args",
            "login with password=[Filtered]");
    assertThat(calls[0]).isEqualTo(4);
  }

  @Test
  void aFormatThatThrowsGivesAMessageSayingSoAndNeverReachesTheCaller() {
    init(o -> {});
    Breadcrumb.TextFormat broken =
        (template, args) -> {
          throw new IllegalStateException("bad pattern");
        };
    assertThat(
            capture()
                .captureBreadcrumbOnly(
                    LogLevel.INFO, "com.example.Cart", 1_700_000_000L, 0, broken, "x {}", 1))
        .isTrue();

    assertThat(breadcrumbsOfNextEvent())
        .extracting(b -> b.path("message").asText())
        .containsExactly("[message could not be formatted: java.lang.IllegalStateException]");
  }

  @Test
  void templateTraitsAnswerAsTheScanDoesForEveryTemplateObject() {
    String plain = "order {} accepted";
    String keyed = "token: {}";
    for (int round = 0; round < 3; round++) { // remembered after the first round
      assertThat(LogCapture.argumentsMatterFor(plain)).isFalse();
      assertThat(LogCapture.argumentsMatterFor(keyed)).isTrue();
      // an equal template built anew, and one that is not equal, are scanned for themselves
      assertThat(LogCapture.argumentsMatterFor(new String(keyed))).isTrue();
      assertThat(LogCapture.argumentsMatterFor(new String(plain))).isFalse();
      assertThat(LogCapture.hasBracePlaceholder(plain)).isTrue();
      assertThat(LogCapture.hasBracePlaceholder("no placeholder {0}")).isFalse();
      assertThat(LogCapture.hasBracePlaceholder(null)).isFalse();
      assertThat(LogCapture.argumentsMatterFor(null)).isFalse();
    }
    // many templates sharing slots: every answer is still the template's own
    for (int i = 0; i < 2_000; i++) {
      String t = (i % 2 == 0 ? "key=" : "id ") + i + " {}";
      assertThat(LogCapture.argumentsMatterFor(t)).as(t).isEqualTo(i % 2 == 0);
      assertThat(LogCapture.hasBracePlaceholder(i % 3 == 0 ? t : "n" + i)).isEqualTo(i % 3 == 0);
    }
  }

  @Test
  void aDisabledSdkTakesBreadcrumbOnlyLinesAsHandled() {
    assertThat(
            capture()
                .captureBreadcrumbOnly(
                    LogLevel.ERROR, "com.example.Cart", 1_700_000_000L, 0, "no SDK", null, null))
        .isTrue();
  }
}
