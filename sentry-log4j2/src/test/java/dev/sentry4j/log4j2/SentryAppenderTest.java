package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.testing.ReceivedEvent;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.message.StructuredDataMessage;
import org.junit.jupiter.api.Test;

class SentryAppenderTest extends ReceiverSupport {

  @Test
  void errorsBecomeEventsAndLowerLinesBreadcrumbsAtTheDefaultThresholds() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");

    log.trace("trace line");
    log.debug("debug line");
    log.info("info line");
    log.warn("warn line");
    log.error("error line");
    log.fatal("fatal line");

    ReceivedEvent error = event("error line");
    ReceivedEvent fatal = event("fatal line");
    assertThat(error.level()).isEqualTo("error");
    assertThat(fatal.level()).isEqualTo("fatal");
    assertThat(error.logger()).isEqualTo("com.acme.Orders");
    assertThat(error.breadcrumbs())
        .extracting(b -> b.path("level").asText() + " " + b.path("message").asText())
        .containsExactly("info info line", "warning warn line");
    assertThat(fatal.breadcrumbs())
        .extracting(b -> b.path("message").asText())
        .containsExactly("info line", "warn line", "error line");
    assertThat(fatal.breadcrumbs())
        .allSatisfy(b -> assertThat(b.path("category").asText()).isEqualTo("com.acme.Orders"));
    assertThat(error.json().at("/exception")).isEmpty();
    log4j.close(); // flushes
    assertThat(receiver.events()).hasSize(2);
  }

  @Test
  void breadcrumbsFromTemplatesCarryTheTextOfTheMomentTheLineWasLogged() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");
    StringBuilder cart = new StringBuilder("2 items");

    log.info("order {} of {} accepted", "A-17", 3); // Log4j's event formats it as it is made
    // a message Log4j has not formatted, immutable arguments: formatted only when it is sent
    log.info(new ParameterizedMessage("order {} with password={} paid", "A-18", "s3cret"));
    log.info(new ParameterizedMessage("cart holds {}", cart)); // mutable: formatted at once
    log.info("cart still holds {}", cart);
    cart.setLength(0);
    cart.append("changed later");
    log.info("no {} placeholder left", "x", "extra");
    log.info("login {} with password={}", "ann", "s3cret"); // Log4j's event, then filtered
    log.info((Object) "an object {} that looks like a template"); // its text, not a template
    log.info("order {} shipped", "A-19"); // one argument: read without copying Log4j's array
    log.info("retry with password={}", "s3cret"); // one argument, filtered
    log.info("coupon {} applied", (Object) null);
    log.info("{} items", 3L);
    log.error("checkout failed");

    ReceivedEvent error = event("checkout failed");
    assertThat(error.breadcrumbs())
        .extracting(b -> b.path("message").asText())
        .containsExactly(
            "order A-17 of 3 accepted",
            "order A-18 with password=[Filtered] paid",
            "cart holds 2 items",
            "cart still holds 2 items",
            "no x placeholder left",
            "login ann with password=[Filtered]",
            "an object {} that looks like a template",
            "order A-19 shipped",
            "retry with password=[Filtered]",
            "coupon null applied",
            "3 items");
  }

  @Test
  void thresholdsAreInclusiveAtEachConfiguredBoundary() {
    Logger log = start("sentry-thresholds.xml").logger("com.acme.Orders");

    log.trace("trace line");
    log.debug("debug line");
    log.info("info line");
    log.warn("warn line");

    ReceivedEvent warn = event("warn line");
    assertThat(warn.level()).isEqualTo("warning");
    assertThat(warn.breadcrumbs())
        .extracting(b -> b.path("level").asText() + " " + b.path("message").asText())
        .containsExactly("debug debug line", "info info line");
    log4j.close();
    assertThat(receiver.events()).hasSize(1);
  }

  @Test
  void threadContextEntriesBecomeTagsAndExtrasWithTheEventsThread() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");
    ThreadContext.put("tenant", "acme");
    ThreadContext.put("request_id", "r-42");
    ThreadContext.push("checkout");
    ThreadContext.push("payment");

    log.error("with context");

    ReceivedEvent event = event("with context");
    assertThat(event.tags()).containsEntry("tenant", "acme").doesNotContainKey("request_id");
    assertThat(event.extra().path("request_id").asText()).isEqualTo("r-42");
    assertThat(event.extra().path("tenant").isMissingNode()).isTrue();
    assertThat(event.extra().path("ThreadContext.stack"))
        .extracting(JsonNode::asText)
        .containsExactly("checkout", "payment");
    assertThat(event.extra().path("thread_name").asText())
        .isEqualTo(Thread.currentThread().getName());
    assertThat(event.json().at("/environment").asText()).isEqualTo("test");
  }

  @Test
  void threadContextGoesToAnMdcContextWithMdcAsContext() {
    Logger log = start("sentry-mdc-context.xml").logger("com.acme.Orders");
    ThreadContext.put("tenant", "acme");
    ThreadContext.put("request_id", "r-42");

    log.error("mdc as context");

    ReceivedEvent event = event("mdc as context");
    assertThat(event.tags()).containsEntry("tenant", "acme");
    assertThat(event.contexts().path("MDC").path("request_id").asText()).isEqualTo("r-42");
    assertThat(event.extra() == null ? null : event.extra().get("request_id")).isNull();
  }

  @Test
  void markersAndTheirParentsBecomeTheMarkerTag() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");
    Marker security = MarkerManager.getMarker("SECURITY");
    Marker audit = MarkerManager.getMarker("AUDIT").setParents(security);

    log.error(audit, "marked line");

    assertThat(event("marked line").tags()).containsEntry("marker", "AUDIT,SECURITY");
  }

  @Test
  void templateAndParametersAreKeptBesideTheFormattedMessage() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");

    log.error("Order {} failed for {}", "A-17", 42, new IllegalStateException("stock"));

    ReceivedEvent event = event("Order A-17 failed for 42");
    JsonNode logentry = event.json().path("logentry");
    assertThat(logentry.path("message").asText()).isEqualTo("Order {} failed for {}");
    assertThat(logentry.path("params")).extracting(JsonNode::asText).containsExactly("A-17", "42");
    assertThat(event.exceptions())
        .extracting(e -> e.path("type").asText())
        .containsExactly("IllegalStateException");
    assertThat(event.exceptions().get(0).at("/mechanism/type").asText())
        .isEqualTo("auto.log.log4j2");
    assertThat(event.exceptions().get(0).at("/mechanism/handled").asBoolean()).isTrue();
  }

  @Test
  void exceptionChainsKeepCausesAndSuppressedExceptions() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");
    IOException root = new IOException("connection reset");
    IllegalStateException top = new IllegalStateException("checkout failed", root);
    top.addSuppressed(new IllegalArgumentException("cleanup failed"));

    log.error("checkout", top);

    ReceivedEvent event = event("checkout");
    List<JsonNode> exceptions = event.exceptions();
    assertThat(exceptions)
        .extracting(e -> e.path("type").asText() + "/" + e.at("/mechanism/source").asText())
        .containsExactly(
            "IllegalArgumentException/suppressed[0]",
            "IOException/cause",
            "IllegalStateException/");
    assertThat(exceptions.get(2).path("value").asText()).isEqualTo("checkout failed");
    assertThat(exceptions.get(2).at("/stacktrace/frames")).isNotEmpty();
  }

  @Test
  void aNestedLayoutFormatsTheMessage() {
    Logger log = start("sentry-layout.xml").logger("com.acme.Orders");
    ThreadContext.put("tenant", "acme");

    log.error("Order {} failed", "A-17");

    String expected = "[" + Thread.currentThread().getName() + "] Order A-17 failed (tenant=acme)";
    ReceivedEvent event = event(expected);
    // without sendDefaultPii only the layout's text is sent: no template, no raw parameters (#17)
    assertThat(event.json().at("/logentry/message").asText()).isEqualTo(expected);
    assertThat(event.json().at("/logentry/params").isMissingNode()).isTrue();
  }

  @Test
  void customLevelsMapByTheirIntLevel() {
    TestContext ctx = start("sentry-custom-levels.xml");
    Logger log = ctx.logger("com.acme.Orders");

    log.log(Level.getLevel("VERBOSE"), "verbose line");
    log.log(Level.getLevel("NOTICE"), "notice line");
    log.log(Level.getLevel("ALERT"), "alert line");

    ReceivedEvent alert = event("alert line");
    assertThat(alert.level()).isEqualTo("error");
    assertThat(alert.breadcrumbs())
        .extracting(b -> b.path("level").asText() + " " + b.path("message").asText())
        .containsExactly("debug verbose line", "info notice line");
    assertThat(ctx.lines()).contains("ALERT com.acme.Orders - alert line");
  }

  @Test
  void mapAndStructuredDataMessagesBecomeExtras() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Payments");

    log.error(new StringMapMessage().with("order", "A-17").with("amount", "12.50"));
    StructuredDataMessage sd =
        new StructuredDataMessage("transfer@18060", "Transfer failed", "Audit");
    sd.put("toAccount", "123456");
    log.error(sd);

    ReceivedEvent map = event("amount=\"12.50\" order=\"A-17\"");
    assertThat(map.extra().path("order").asText()).isEqualTo("A-17");
    assertThat(map.extra().path("amount").asText()).isEqualTo("12.50");
    ReceivedEvent structured = event("Transfer failed");
    assertThat(structured.extra().path("toAccount").asText()).isEqualTo("123456");
    assertThat(structured.extra().path("StructuredData.id").asText()).isEqualTo("transfer@18060");
    assertThat(structured.extra().path("StructuredData.type").asText()).isEqualTo("Audit");
  }

  @Test
  @SuppressWarnings("deprecation") // getThrownProxy(): what such an event has
  void anEventWithOnlyAThrowableProxyGetsItsExceptionRebuilt() throws Exception {
    TestContext ctx = start("sentry-basic.xml");
    IllegalStateException original =
        new IllegalStateException("remote failure", new IOException("disk full"));
    LogEvent local =
        Log4jLogEvent.newBuilder()
            .setLoggerName("com.acme.Remote")
            .setLevel(Level.ERROR)
            .setMessage(new SimpleMessage("remote line"))
            .setThrown(original)
            .setThreadName("remote-worker")
            .setThreadId(4242)
            .build();
    // what a socket server hands on: the serialized form, which keeps only the ThrowableProxy
    LogEvent remote = (LogEvent) roundTrip(Log4jLogEvent.serialize(local, false));
    assertThat(remote.getThrown()).isNull();
    assertThat(remote.getThrownProxy()).isNotNull();

    ctx.context().getConfiguration().getLoggerConfig("com.acme.Remote").log(remote);

    ReceivedEvent event = event("remote line");
    assertThat(event.exceptions())
        .extracting(
            e ->
                e.path("module").asText()
                    + "."
                    + e.path("type").asText()
                    + ": "
                    + e.path("value").asText())
        .containsExactly(
            "java.io.IOException: disk full", "java.lang.IllegalStateException: remote failure");
    assertThat(event.exceptions().get(1).at("/stacktrace/frames")).isNotEmpty();
    assertThat(event.extra().path("thread_name").asText()).isEqualTo("remote-worker");
    assertThat(event.json().at("/threads/values/0/id").asLong()).isEqualTo(4242);
    assertThat(event.json().at("/threads/values/0/name").asText()).isEqualTo("remote-worker");
  }

  @Test
  void aBreadcrumbCarriesTheTimeLog4jGaveItsLineToTheMicrosecond() {
    TestContext ctx = start("sentry-basic.xml");
    MutableInstant at = new MutableInstant();
    at.initFromEpochSecond(1_700_000_000L, 123_456_789);
    LogEvent line =
        Log4jLogEvent.newBuilder()
            .setLoggerName("com.acme.Orders")
            .setLevel(Level.INFO)
            .setMessage(new SimpleMessage("order A-17 accepted"))
            .setInstant(at)
            .build();

    ctx.context().getConfiguration().getLoggerConfig("com.acme.Orders").log(line);
    ctx.logger("com.acme.Orders").error("checkout failed");

    JsonNode crumb = event("checkout failed").breadcrumbs().get(0);
    assertThat(crumb.path("message").asText()).isEqualTo("order A-17 accepted");
    // 1700000000.123456 on the wire: Log4j's own time, not a millisecond or the appender's "now"
    assertThat(crumb.path("timestamp").asDouble())
        .isCloseTo(1_700_000_000.123456, org.assertj.core.data.Offset.offset(1e-6));
  }

  private static Serializable roundTrip(Serializable value) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (Serializable) in.readObject();
    }
  }

  @Test
  void aLineLoggedWhileTheSdkHandlesAnotherIsNotCapturedAgain() {
    TestContext ctx = start("sentry-basic.xml");
    Logger appLog = ctx.logger("com.acme.Orders");
    Object noisy =
        new Object() {
          @Override
          public String toString() {
            appLog.error("logged from toString");
            return "noisy";
          }
        };

    // A MapMessage is formatted lazily: by the Sentry appender, the only one of this logger, whose
    // formatting logs again through another logger that also feeds the Sentry appender.
    ctx.logger("com.acme.sentryonly.Orders").error(new MapMessage<>().with("payload", noisy));
    appLog.error("sentinel");

    event("sentinel");
    assertThat(ctx.lines()).contains("ERROR [] [] com.acme.Orders - logged from toString");
    events(2); // several envelopes in flight: "sentinel" may arrive first
    ctx.close();
    assertThat(receiver.events())
        .extracting(ReceivedEvent::message)
        .containsExactlyInAnyOrder("payload=\"noisy\"", "sentinel");
  }

  @Test
  void anArgumentWhoseToStringThrowsStillGivesAnEventAndNeverReachesTheCaller() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };

    log.error("hostile {}", hostile);

    ReceivedEvent event =
        receiver.awaitEvents(1, WAIT).stream()
            .filter(e -> e.message() != null && e.message().startsWith("hostile "))
            .findFirst()
            .orElseThrow();
    assertThat(event.message()).contains("boom");
    assertThat(event.json().at("/logentry/message").asText()).isEqualTo("hostile {}");
  }

  @Test
  void aNullMessageIsCapturedWithoutError() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");

    log.error((String) null, new IllegalStateException("no message"));

    ReceivedEvent event = events(1).get(0);
    assertThat(event.exceptions())
        .extracting(e -> e.path("value").asText())
        .containsExactly("no message");
  }

  @Test
  void aOneMegabyteMessageArrivesTruncatedAndValid() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");
    String huge = "x".repeat(1024 * 1024);

    log.error("huge {}", huge);
    log.error("after huge");

    event("after huge");
    receiver.awaitCondition( // several envelopes in flight: the order of arrival is not promised
        "the huge message",
        java.time.Duration.ofSeconds(10),
        () ->
            receiver.events().stream()
                .anyMatch(e -> e.message() != null && e.message().startsWith("huge ")));
    ReceivedEvent event =
        receiver.events().stream()
            .filter(e -> e.message() != null && e.message().startsWith("huge "))
            .findFirst()
            .orElseThrow();
    assertThat(event.message().length()).isLessThan(huge.length());
  }

  @Test
  void theSdksOwnLoggersAreNeverCaptured() {
    TestContext ctx = start("sentry-basic.xml");

    ctx.logger("dev.sentry4j.internal.transport.AsyncTransport").error("sdk line");
    ctx.logger("com.acme.Orders").error("app line");

    event("app line");
    assertThat(ctx.lines())
        .contains("ERROR [] [] dev.sentry4j.internal.transport.AsyncTransport - sdk line");
    ctx.close();
    assertThat(receiver.events()).extracting(ReceivedEvent::message).containsExactly("app line");
  }

  @Test
  void eventsCarryTheLoggingThreadsTraceWhenNoSpanIsActive() {
    Logger log = start("sentry-basic.xml").logger("com.acme.Orders");

    log.error("no span");

    ReceivedEvent event = event("no span");
    assertThat(event.traceId()).matches("[0-9a-f]{32}");
    assertThat(event.contexts().path("trace").path("op").isMissingNode()).isTrue();
    assertThat(event.extra().has("trace_id")).isFalse();
  }
}
