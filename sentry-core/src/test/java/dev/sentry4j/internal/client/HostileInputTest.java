package dev.sentry4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.Message;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever the application hands over, the SDK sends a sane event or counts a drop, and never
 * throws.
 */
class HostileInputTest {
  private SentryReceiver receiver;
  private final List<String> diagnostics = new CopyOnWriteArrayList<>();
  private AutoCloseable listener;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    Diagnostics.resetRateLimits();
    listener = Diagnostics.addListener((severity, line) -> diagnostics.add(line));
  }

  @AfterEach
  void stop() throws Exception {
    Sentry.close();
    receiver.close();
    listener.close();
  }

  private ReceivedEvent single() {
    List<ReceivedEvent> events = receiver.awaitEvents(1, Duration.ofSeconds(10));
    RelaySchema.assertValidEvent(events.get(0).json());
    return events.get(0);
  }

  @Test
  void throwingBeforeSendIsLoggedAndTheEventIsSentUnchanged() {
    Sentry.init(
        o ->
            o.setDsn(receiver.dsn())
                .setBeforeSend(
                    (e, h) -> {
                      throw new IllegalStateException("bug in beforeSend");
                    }));
    assertThat(Sentry.captureMessage("still sent")).isNotEqualTo(SentryId.EMPTY);
    assertThat(single().message()).isEqualTo("still sent");
    assertThat(diagnostics).anyMatch(l -> l.contains("beforeSend threw"));
  }

  @Test
  void extraWhoseToStringThrowsAndSelfReferencingMapAreSanitized() {
    Sentry.init(receiver.dsn());
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    List<Object> list = new ArrayList<>();
    list.add(list);
    Sentry.setExtra(
        "hostile",
        new Object() {
          @Override
          public String toString() {
            throw new UnsupportedOperationException("no");
          }
        });
    Sentry.setExtra("cyclic", cyclic);
    Sentry.setExtra("list", list);
    Sentry.captureMessage("hostile extras");
    JsonNode extra = single().extra();
    assertThat(extra.get("hostile").asText())
        .contains("toString() threw")
        .contains("UnsupportedOperationException");
    assertThat(extra.at("/cyclic/self").asText()).isEqualTo("[cycle]");
    assertThat(extra.at("/list/0").asText()).isEqualTo("[cycle]");
  }

  @Test
  void tenMegabyteMessageIsTruncatedNotDropped() {
    Sentry.init(receiver.dsn());
    String huge = "x".repeat(10 * 1024 * 1024);
    Sentry.setExtra("big", "y".repeat(300_000));
    Sentry.captureMessage(huge);
    ReceivedEvent event = single();
    assertThat(event.json().at("/logentry/message").asText().length()).isLessThanOrEqualTo(8192);
    assertThat(event.envelope().items().get(0).payload().length).isLessThanOrEqualTo(1024 * 1024);
  }

  @Test
  void cyclicCauseChainIsCut() {
    Sentry.init(receiver.dsn());
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    Sentry.captureException(a);
    assertThat(single().exceptions())
        .extracting(e -> e.get("value").asText())
        .containsExactly("b", "a");
  }

  @Test
  void suppressedExceptionsHangFromTheirParent() {
    Sentry.init(receiver.dsn());
    Exception main = new Exception("main");
    main.addSuppressed(new IllegalArgumentException("closing failed"));
    Sentry.captureException(main);
    List<JsonNode> values = single().exceptions();
    assertThat(values).hasSize(2);
    JsonNode suppressed = values.get(0);
    assertThat(suppressed.at("/mechanism/source").asText()).isEqualTo("suppressed[0]");
    assertThat(suppressed.at("/mechanism/parent_id").asInt()).isZero();
    assertThat(values.get(1).at("/mechanism/exception_id").asInt()).isZero();
  }

  @Test
  void throwingToStringOfMessageParamsAndHostileUserEventAreSafe() {
    Sentry.init(receiver.dsn());
    Event event = new Event();
    event.setMessage(new Message("user {}", List.of("p"), "user p"));
    event.setLevel(Level.WARNING);
    event.setTag("t", "v");
    SentryId id = Sentry.captureEvent(event);
    event.setTag("changed", "after"); // the SDK works on its copy
    ReceivedEvent received = single();
    assertThat(received.eventId()).isEqualTo(id.toString());
    assertThat(received.level()).isEqualTo("warning");
    assertThat(received.tags()).containsEntry("t", "v").doesNotContainKey("changed");
    assertThat(received.json().at("/logentry/params/0").asText()).isEqualTo("p");
  }

  @Test
  void droppedEventsAreCountedByReason() {
    Sentry.init(
        o ->
            o.setDsn(receiver.dsn())
                .setBeforeSend((e, h) -> "drop".equals(e.getMessage().getTemplate()) ? null : e)
                .addEventProcessor(
                    (e, h) -> "processor".equals(e.getMessage().getTemplate()) ? null : e)
                .setBeforeBreadcrumb(
                    (crumb, h) -> {
                      throw new IllegalStateException("bad hook");
                    }));
    Sentry.addBreadcrumb(Breadcrumb.of("kept despite the hook"));
    Sentry.captureMessage("drop");
    Sentry.captureMessage("processor");
    Sentry.captureMessage("sent");
    assertThat(Sentry.flush(Duration.ofSeconds(5))).isTrue();
    DefaultSentryClient client = (DefaultSentryClient) Sentry.getClient();
    assertThat(client.getDiscards().total(DiscardReason.BEFORE_SEND, DataCategory.ERROR))
        .isEqualTo(1);
    assertThat(client.getDiscards().total(DiscardReason.EVENT_PROCESSOR, DataCategory.ERROR))
        .isEqualTo(1);
    ReceivedEvent sent = single();
    assertThat(sent.message()).isEqualTo("sent");
    assertThat(sent.breadcrumbs()).hasSize(1);
    assertThat(receiver.events()).hasSize(1);
  }

  @Test
  void sampleRateZeroSendsNothingAndCounts() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setSampleRate(0.0));
    assertThat(Sentry.captureMessage("sampled out")).isEqualTo(SentryId.EMPTY);
    DefaultSentryClient client = (DefaultSentryClient) Sentry.getClient();
    assertThat(client.getDiscards().total(DiscardReason.SAMPLE_RATE, DataCategory.ERROR))
        .isEqualTo(1);
  }

  @Test
  void breadcrumbsAreCappedKeepingTheNewest() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setMaxBreadcrumbs(3));
    for (int i = 0; i < 10; i++) {
      Sentry.addBreadcrumb("crumb " + i);
    }
    Sentry.captureMessage("with crumbs");
    assertThat(single().breadcrumbs())
        .extracting(b -> b.get("message").asText())
        .containsExactly("crumb 7", "crumb 8", "crumb 9");
  }
}
