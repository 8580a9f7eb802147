package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.LoggingEventVO;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** What a logback.xml with the appender delivers to Sentry, as the local receiver saw it. */
@Timeout(30)
class SentryAppenderEventsTest extends LogbackReceiverTest {

  private List<ReceivedEvent> awaitValidEvents(int count) {
    List<ReceivedEvent> events = receiver.awaitEvents(count, WAIT);
    for (ReceivedEvent e : events) {
      RelaySchema.assertValid(e);
    }
    assertThat(receiver.malformed()).isEmpty();
    return events;
  }

  private ReceivedEvent onlyEvent() {
    Sentry.flush(WAIT);
    List<ReceivedEvent> events = awaitValidEvents(1);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static List<String> crumbMessages(ReceivedEvent event) {
    return event.breadcrumbs().stream()
        .map(b -> b.path("message").asText())
        .collect(Collectors.toList());
  }

  @Test
  void anErrorLineIsAnEventWithTemplateParametersExceptionChainMdcAndTheBreadcrumbsBeforeIt() {
    Logger log = configure("logback-basic.xml");
    MDC.put("tenant", "acme");
    MDC.put("user", "u-17");
    log.debug("not a breadcrumb: below INFO");
    log.info("cart loaded with {} items", 3);
    log.warn("payment slow for {}", "A-17");
    IllegalStateException failure =
        new IllegalStateException("checkout failed", new IOException("connection reset"));
    failure.addSuppressed(new TimeoutException("gave up"));

    log.error("payment failed for {}", "A-17", failure);

    ReceivedEvent event = onlyEvent();
    assertThat(event.level()).isEqualTo("error");
    assertThat(event.logger()).isEqualTo("com.shop.Checkout");
    assertThat(event.json().at("/logentry/message").asText()).isEqualTo("payment failed for {}");
    assertThat(event.json().at("/logentry/params/0").asText()).isEqualTo("A-17");
    assertThat(event.json().at("/logentry/formatted").asText())
        .isEqualTo("payment failed for A-17");
    assertThat(event.tags()).containsEntry("tenant", "acme").doesNotContainKey("user");
    assertThat(event.extra().path("user").asText()).isEqualTo("u-17");
    assertThat(event.extra().path("thread_name").asText())
        .isEqualTo(Thread.currentThread().getName());
    assertThat(event.json().at("/threads/values/0/name").asText())
        .isEqualTo(Thread.currentThread().getName());
    assertThat(event.json().at("/threads/values/0/id").isNumber()).isTrue();
    // caller data was never asked for, so the appender must not have computed it
    assertThat(event.extra().has("source")).isFalse();

    List<JsonNode> exceptions = event.exceptions();
    assertThat(exceptions)
        .extracting(e -> e.path("type").asText())
        .containsExactly("TimeoutException", "IOException", "IllegalStateException");
    JsonNode captured = exceptions.get(2);
    assertThat(captured.path("value").asText()).isEqualTo("checkout failed");
    assertThat(captured.at("/mechanism/type").asText()).isEqualTo("auto.log.logback");
    assertThat(captured.at("/mechanism/handled").asBoolean()).isTrue();
    assertThat(captured.at("/stacktrace/frames").size()).isGreaterThan(0);
    assertThat(exceptions.get(1).at("/mechanism/source").asText()).isEqualTo("cause");
    assertThat(exceptions.get(0).at("/mechanism/source").asText()).isEqualTo("suppressed[0]");

    assertThat(crumbMessages(event))
        .containsExactly("cart loaded with 3 items", "payment slow for A-17");
    assertThat(event.breadcrumbs())
        .allSatisfy(
            b -> {
              assertThat(b.path("category").asText()).isEqualTo("com.shop.Checkout");
              assertThat(b.path("type").asText()).isEqualTo("default");
            });
    assertThat(event.breadcrumbs().get(1).path("level").asText()).isEqualTo("warning");
    assertThat(event.json().at("/sdk/integrations").toString()).contains("logback");
  }

  @Test
  void thresholdsApplyAtEachBoundary() {
    Logger log = configure("logback-thresholds.xml"); // events from WARN, breadcrumbs from DEBUG
    log.trace("trace: nothing");
    log.debug("debug: breadcrumb");
    log.info("info: breadcrumb");
    log.warn("warn: event and breadcrumb");
    log.error("error: event");

    Sentry.flush(WAIT);
    List<ReceivedEvent> events = awaitValidEvents(2);
    assertThat(events).hasSize(2);
    ReceivedEvent warn =
        events.stream().filter(e -> "warning".equals(e.level())).findFirst().orElseThrow();
    ReceivedEvent error =
        events.stream().filter(e -> "error".equals(e.level())).findFirst().orElseThrow();
    assertThat(warn.message()).isEqualTo("warn: event and breadcrumb");
    assertThat(crumbMessages(warn)).containsExactly("debug: breadcrumb", "info: breadcrumb");
    assertThat(crumbMessages(error))
        .containsExactly("debug: breadcrumb", "info: breadcrumb", "warn: event and breadcrumb");
    assertThat(error.breadcrumbs().get(0).path("level").asText()).isEqualTo("debug");
  }

  @Test
  void mdcEntriesThatAreNotTagsGoToAnMdcContextWhenAsked() {
    Logger log = configure("logback-mdc-context.xml");
    MDC.put("tenant", "acme");
    MDC.put("request", "r-9");

    log.error("boom");

    ReceivedEvent event = onlyEvent();
    assertThat(event.tags()).containsEntry("tenant", "acme");
    assertThat(event.contexts().at("/MDC/request").asText()).isEqualTo("r-9");
    assertThat(event.contexts().at("/MDC/tenant").isMissingNode()).isTrue();
    assertThat(event.extra().has("request")).isFalse();
  }

  @Test
  void markersAndTheMarkersTheyReferenceBecomeTheMarkerTag() {
    Logger log = configure("logback-basic.xml");
    Marker payment = MarkerFactory.getDetachedMarker("PAYMENT");
    payment.add(MarkerFactory.getDetachedMarker("BILLING"));

    log.atError()
        .addMarker(payment)
        .addMarker(MarkerFactory.getDetachedMarker("AUDIT"))
        .log("declined");

    assertThat(onlyEvent().tags()).containsEntry("marker", "PAYMENT,BILLING,AUDIT");
  }

  @Test
  void keyValuePairsBecomeExtrasKeepingTheirTypes() {
    Logger log = configure("logback-basic.xml");

    log.atError()
        .addKeyValue("order", 7)
        .addKeyValue("vip", true)
        .addKeyValue("amount", 12.5)
        .addKeyValue("currency", "EUR")
        .setMessage("checkout failed for {}")
        .addArgument("A-17")
        .log();

    ReceivedEvent event = onlyEvent();
    assertThat(event.extra().path("order").isInt()).isTrue();
    assertThat(event.extra().path("order").asInt()).isEqualTo(7);
    assertThat(event.extra().path("vip").isBoolean()).isTrue();
    assertThat(event.extra().path("amount").asDouble()).isEqualTo(12.5);
    assertThat(event.extra().path("currency").asText()).isEqualTo("EUR");
    assertThat(event.message()).isEqualTo("checkout failed for A-17");
  }

  @Test
  void theEncoderFormatsTheTextOfEventsAndBreadcrumbs() {
    Logger log = configure("logback-encoder.xml");
    log.info("cart loaded");

    log.error("payment failed for {}", "A-17", new IllegalStateException("declined"));

    ReceivedEvent event = onlyEvent();
    // %nopex keeps the stack trace out of the text; the event carries the exception itself
    assertThat(event.message()).isEqualTo("[ERROR] Checkout: payment failed for A-17");
    assertThat(event.exceptions())
        .extracting(e -> e.path("value").asText())
        .containsExactly("declined");
    // without sendDefaultPii only the encoded text is sent: no template, no raw parameters (#17)
    assertThat(event.json().at("/logentry/message").asText())
        .isEqualTo("[ERROR] Checkout: payment failed for A-17");
    assertThat(event.json().at("/logentry/params").isMissingNode()).isTrue();
    assertThat(crumbMessages(event)).containsExactly("[INFO] Checkout: cart loaded");
  }

  @Test
  void aThrowingEncoderIsReportedOnceToTheStatusManagerAndTheLinesStillArrive() {
    Logger log = configure("logback-exploding-encoder.xml");

    for (int i = 0; i < 5; i++) {
      log.error("line {}", i);
    }

    Sentry.flush(WAIT);
    List<ReceivedEvent> events = awaitValidEvents(5);
    assertThat(events)
        .extracting(ReceivedEvent::message)
        .containsExactlyInAnyOrder("line 0", "line 1", "line 2", "line 3", "line 4");
    assertThat(logback.statusLines(ch.qos.logback.core.status.Status.ERROR))
        .filteredOn(line -> line.contains("could not capture a log line"))
        .hasSize(1);
  }

  @Test
  void callerDataIsUsedWhenLogbackAlreadyComputedIt() {
    Logger log = configure("logback-caller-data.xml");

    log.error("with caller data");

    ReceivedEvent event = onlyEvent();
    assertThat(event.extra().path("source").asText())
        .contains(
            SentryAppenderEventsTest.class.getName()
                + ".callerDataIsUsedWhenLogbackAlreadyComputedIt");
    assertThat(event.message()).startsWith("with caller data (line ");
  }

  @Test
  void aNullMessageStillMakesAnEvent() {
    Logger log = configure("logback-basic.xml");

    log.error((String) null);
    log.error(null, new IllegalArgumentException("no message given"));

    Sentry.flush(WAIT);
    List<ReceivedEvent> events = awaitValidEvents(2);
    assertThat(events).hasSize(2);
    assertThat(events).anySatisfy(e -> assertThat(e.json().has("logentry")).isFalse());
    assertThat(events)
        .anySatisfy(
            e -> assertThat(e.message()).isEqualTo("IllegalArgumentException: no message given"));
  }

  @Test
  void aOneMegabyteMessageArrivesTrimmed() {
    Logger log = configure("logback-basic.xml");
    String huge = "x".repeat(1024 * 1024);

    log.error("huge: {}", huge);

    ReceivedEvent event = onlyEvent();
    assertThat(event.message()).startsWith("huge: xxx");
    assertThat(event.message().length()).isLessThan(huge.length());
  }

  @Test
  void anArgumentWhoseToStringThrowsDoesNotStopTheEvent() {
    Logger log = configure("logback-basic.xml");
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("toString exploded");
          }
        };

    log.error("order {} failed", hostile);

    ReceivedEvent event = onlyEvent();
    assertThat(event.json().at("/logentry/message").asText()).isEqualTo("order {} failed");
    assertThat(event.message()).contains("FAILED toString()");
    assertThat(event.json().at("/logentry/params/0").asText()).contains("IllegalStateException");
  }

  @Test
  void aLineLoggedWhileTheAppenderHandlesAnotherIsNotCapturedAgain() {
    Logger log = configure("logback-basic.xml");
    Object reentrant =
        new Object() {
          @Override
          public String toString() {
            log.error("logged from inside toString()");
            return "order A-17";
          }
        };

    log.error("failed: {}", reentrant);
    log.error("afterwards");

    Sentry.flush(WAIT);
    List<ReceivedEvent> events = awaitValidEvents(2);
    assertThat(events)
        .extracting(ReceivedEvent::message)
        .containsExactlyInAnyOrder("failed: order A-17", "afterwards");
  }

  @Test
  void linesOfTheSdkAreNeverCaptured() throws Exception {
    configure("logback-basic.xml");
    logback.logger("dev.sentry4j.internal.transport.AsyncTransport").error("queue full");
    Thread sdkThread =
        new dev.sentry4j.internal.SdkThread(
            () -> logback.logger("com.shop.Checkout").error("logged on an SDK thread"), "test");
    sdkThread.start();
    sdkThread.join(10_000);

    logback.logger("com.shop.Checkout").error("the application's error");

    assertThat(onlyEvent().message()).isEqualTo("the application's error");
  }

  @Test
  void anErrorInsideASpanCarriesThatSpansTraceContext() {
    Logger log = configure("logback-basic.xml");
    FakeSpan span = FakeSpan.of('a', 'b');

    try (ScopeToken ignored = span.activate()) {
      log.error("inside the span");
    }

    ReceivedEvent event = onlyEvent();
    assertThat(event.traceId()).isEqualTo(span.traceId);
    assertThat(event.spanId()).isEqualTo(span.spanId);
    assertThat(event.contexts().at("/trace/op").asText()).isEqualTo("test.op");
  }

  @Test
  void anErrorOutsideSpansCarriesTheThreadsPropagationContext() {
    Logger log = configure("logback-basic.xml");

    log.error("outside spans");

    ReceivedEvent event = onlyEvent();
    assertThat(event.traceId())
        .isEqualTo(ScopeStorage.current().getPropagationContext().getTraceId());
  }

  @Test
  void anEventReadBackFromTheWireKeepsItsExceptionThroughAStandIn() throws Exception {
    Logger log = configure("logback-basic.xml");
    MDC.put("tenant", "acme");
    IllegalStateException original =
        new IllegalStateException("remote failure", new IOException("remote cause"));
    original.addSuppressed(new TimeoutException("remote suppressed"));
    LoggingEvent local =
        new LoggingEvent(
            Logger.class.getName(), log, Level.ERROR, "remote {}", original, new Object[] {"x"});
    local.prepareForDeferredProcessing();
    ILoggingEvent received = roundTrip(LoggingEventVO.build(local));

    logback.<SentryAppender>appender("SENTRY").doAppend(received);

    ReceivedEvent event = onlyEvent();
    assertThat(event.exceptions())
        .extracting(e -> e.path("type").asText())
        .containsExactly("TimeoutException", "IOException", "IllegalStateException");
    JsonNode captured = event.exceptions().get(2);
    assertThat(captured.path("module").asText()).isEqualTo("java.lang");
    assertThat(captured.path("value").asText()).isEqualTo("remote failure");
    assertThat(captured.at("/stacktrace/frames").size()).isEqualTo(original.getStackTrace().length);
    assertThat(captured.at("/mechanism/type").asText()).isEqualTo("auto.log.logback");
    assertThat(event.message()).isEqualTo("remote x");
    assertThat(event.tags()).containsEntry("tenant", "acme");
  }

  private static ILoggingEvent roundTrip(LoggingEventVO event) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(event);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ILoggingEvent) in.readObject();
    }
  }

  @Test
  void stopHandsWhatWasLoggedJustBeforeToTheSdksThreads() {
    Logger log = configure("logback-flush-on-stop.xml"); // closing alone would drop the queue
    for (int i = 0; i < 20; i++) {
      log.error("before stop #{}", i);
    }

    logback.close(); // returns at once; the SDK sends within its flushTimeout in the background

    assertThat(receiver.awaitEvents(20, Duration.ofSeconds(10))).hasSize(20);
    assertThat(Sentry.isInitialized()).as("the appender closes the SDK it initialized").isFalse();
    logback = null;
  }

  @Test
  void anSdkInitializedInCodeIsUsedAndKeptOpenOnStop() {
    try (SentryReceiver configured = SentryReceiver.start()) {
      Sentry.init(o -> o.setDsn(receiver.dsn()).setRelease("code@1"));
      logback =
          LogbackFixture.configure(
              "logback-basic.xml", Map.of("SENTRY_TEST_DSN", configured.dsn()));
      assertThat(logback.<SentryAppender>appender("SENTRY").isStarted()).isTrue();
      assertThat(logback.statusLines(ch.qos.logback.core.status.Status.INFO))
          .anySatisfy(line -> assertThat(line).contains("already initialized"));

      logback.logger("com.shop.Checkout").error("into the code's client");
      logback.close();
      logback = null;

      assertThat(Sentry.isInitialized()).isTrue();
      ReceivedEvent event = onlyEvent();
      assertThat(event.json().path("release").asText()).isEqualTo("code@1");
      assertThat(configured.events()).isEmpty();
    }
  }
}
