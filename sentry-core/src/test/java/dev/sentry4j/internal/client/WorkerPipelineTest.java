package dev.sentry4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The capturing thread only snapshots: merging, processors and {@code beforeSend} run on an SDK
 * thread, on the scopes as they were when the event was captured.
 */
@Timeout(30)
class WorkerPipelineTest {
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
  void beforeSendRunsOnAnSdkThreadOnTheScopesAsTheyWereAtCapture() throws Exception {
    CountDownLatch scopeChanged = new CountDownLatch(1);
    AtomicReference<String> beforeSendThread = new AtomicReference<>();
    Sentry.init(
        o ->
            o.setDsn(receiver.dsn())
                .setBeforeSend(
                    (e, h) -> {
                      beforeSendThread.set(Thread.currentThread().getName());
                      try {
                        // hold the worker until the application has moved on
                        scopeChanged.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                      }
                      return e;
                    }));
    Sentry.setTag("phase", "before");
    Sentry.addBreadcrumb("before the error");

    SentryId id = Sentry.captureMessage("checkout failed");
    Sentry.setTag("phase", "after");
    Sentry.setExtra("late", "yes");
    Sentry.addBreadcrumb("after the error");
    scopeChanged.countDown();

    List<ReceivedEvent> events = receiver.awaitEvents(1, Duration.ofSeconds(10));
    ReceivedEvent sent = events.get(0);
    RelaySchema.assertValidEvent(sent.json());
    assertThat(sent.eventId()).isEqualTo(id.toString());
    assertThat(beforeSendThread.get()).startsWith("sentry4j-");
    assertThat(sent.tags()).containsEntry("phase", "before");
    assertThat(sent.extra() == null || !sent.extra().has("late")).isTrue();
    assertThat(sent.breadcrumbs())
        .extracting(b -> b.get("message").asText())
        .containsExactly("before the error");
  }

  @Test
  void anEventBeforeSendDropsStillGotItsIdAndIsCountedAsBeforeSend() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setBeforeSend((e, h) -> null));
    SentryId id = Sentry.captureMessage("dropped later");
    assertThat(id.isEmpty()).isFalse();
    assertThat(Sentry.flush(Duration.ofSeconds(10))).isTrue();
    DefaultSentryClient client = (DefaultSentryClient) Sentry.getClient();
    assertThat(client.getDiscards().total(DiscardReason.BEFORE_SEND, DataCategory.ERROR))
        .isEqualTo(1);
    assertThat(receiver.events()).isEmpty();
  }

  @Test
  void aProcessorThatAddsDataSeesTheMergedEventOnTheWorker() {
    AtomicReference<Map<String, String>> seenTags = new AtomicReference<>();
    Sentry.init(
        o ->
            o.setDsn(receiver.dsn())
                .addEventProcessor(
                    (e, h) -> {
                      seenTags.set(Map.copyOf(e.getTags()));
                      e.setTag("processed", "yes");
                      return e;
                    }));
    Sentry.setTag("tenant", "acme");
    Sentry.captureMessage("processed");
    ReceivedEvent sent = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    assertThat(seenTags.get()).containsEntry("tenant", "acme");
    assertThat(sent.tags()).containsEntry("tenant", "acme").containsEntry("processed", "yes");
  }
}
