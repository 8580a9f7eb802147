package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Close on a starved machine: the intake worker took envelopes out of the inbox and does not get
 * the CPU again before close's deadline (the JVM then exits with it). Close must take over what it
 * holds: on disk for the next start, or counted as dropped, never lost without a trace. The worker
 * is stalled at the exact point with the transport's test seam, and stays stalled while the next
 * start runs, as a worker that died with the JVM.
 */
@Timeout(60)
class CloseHandOverTest {
  private static final long SPOOL_BYTES = 10L << 20;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int ERRORS = 8;

  @TempDir Path dir;
  private final CountDownLatch release = new CountDownLatch(1); // the stalled worker goes on
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    release.countDown();
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void envelopesTheWorkerGrabbedForOneFileAreSpooledByCloseWhenItIsStarvedBeforeWritingThem()
      throws Exception {
    CountDownLatch allSent = new CountDownLatch(1);
    CountDownLatch grabbed = new CountDownLatch(1);
    AsyncTransport first = firstTransport(new DiscardCounter());
    AtomicInteger serializations = new AtomicInteger();
    first.intakeHook =
        point -> {
          if (point.equals(AsyncTransport.SERIALIZING) && serializations.incrementAndGet() == 1) {
            await(allSent); // the rest queue up behind the first
          } else if (point.equals(AsyncTransport.PLACING)) {
            grabbed.countDown();
            await(release); // starved (or dead) after grabbing, before writing the file
          }
        };
    List<String> ids = sendErrors(first);
    allSent.countDown();
    // the first stays in memory (in flight, never answered); it fills maxQueueBytes, so the second
    // goes to disk, and the worker grabs the other six into the same file
    assertThat(grabbed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    first.close(Duration.ofSeconds(1));

    assertThat(first.getStats().getSpooled()).isEqualTo(ERRORS);
    assertThat(first.getStats().getDropped()).isEmpty();
    assertThat(deliveredAfterRestart(ERRORS)).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void theEnvelopeBeingSerializedWhenCloseGivesUpIsCountedAndTheRestSpooled() throws Exception {
    CountDownLatch allSent = new CountDownLatch(1);
    CountDownLatch serializingThird = new CountDownLatch(1);
    DiscardCounter discards = new DiscardCounter();
    AsyncTransport first = firstTransport(discards);
    AtomicInteger serializations = new AtomicInteger();
    first.intakeHook =
        point -> {
          if (!point.equals(AsyncTransport.SERIALIZING)) {
            return;
          }
          int n = serializations.incrementAndGet();
          if (n == 1) {
            await(allSent);
          } else if (n == 3) { // grabbed for the second one's file, being serialized
            serializingThird.countDown();
            await(release);
          }
        };
    List<String> ids = sendErrors(first);
    allSent.countDown();
    assertThat(serializingThird.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    first.close(Duration.ofSeconds(1));

    assertThat(first.getStats().getSpooled()).isEqualTo(ERRORS - 1 + 1); // + the client report
    List<String> delivered;
    try (SentryReceiver receiver = SentryReceiver.start()) {
      AsyncTransport next = restart(receiver);
      receiver.awaitEvents(ERRORS - 1, WAIT);
      receiver.awaitCondition(
          "the client report", WAIT, () -> receiver.discarded("queue_overflow", "error") > 0);
      assertThat(next.flush(WAIT)).isTrue();
      delivered = eventIds(receiver);
      assertThat(receiver.discarded("queue_overflow", "error")).isEqualTo(1);
      assertThat(receiver.events()).hasSize(ERRORS - 1);
    }
    // the books balance: accepted = delivered + counted; the one counted is the third
    assertThat(delivered).hasSize(ERRORS - 1).doesNotContain(ids.get(2));
    assertThat(ids).containsAll(delivered);
  }

  @Test
  void theEnvelopeBeingSerializedIsSpooledWhenTheWorkerHandsItOverBeforeCloseIsDone()
      throws Exception {
    CountDownLatch allSent = new CountDownLatch(1);
    CountDownLatch serializingThird = new CountDownLatch(1);
    CountDownLatch handedOver = new CountDownLatch(1);
    AsyncTransport first = firstTransport(new DiscardCounter());
    AtomicInteger serializations = new AtomicInteger();
    first.intakeHook =
        point -> {
          if (point.equals(AsyncTransport.SERIALIZING)) {
            int n = serializations.incrementAndGet();
            if (n == 1) {
              await(allSent);
            } else if (n == 3) {
              serializingThird.countDown();
              await(release);
            }
          } else if (point.equals(AsyncTransport.TOOK_OVER)) {
            // on the closing thread, once it took over: the worker gets the CPU back and finishes
            // the third meanwhile (then comes to write its file, which close took over too)
            release.countDown();
            await(handedOver);
          } else if (point.equals(AsyncTransport.PLACING)) {
            handedOver.countDown();
          }
        };
    List<String> ids = sendErrors(first);
    allSent.countDown();
    assertThat(serializingThird.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    first.close(Duration.ofSeconds(1));

    assertThat(handedOver.getCount()).isZero();
    assertThat(first.getStats().getSpooled()).isEqualTo(ERRORS);
    assertThat(first.getStats().getDropped()).isEmpty();
    assertThat(deliveredAfterRestart(ERRORS)).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void anEnvelopeInFlightThatTheSenderKeepsAndCloseSavesIsWrittenOnce() {
    // close saves the requests in flight of a sender thread that did not stop in time, while that
    // thread, abandoning them, keeps them itself: both write the same envelopes
    DiscardCounter discards = new DiscardCounter();
    Backlog backlog =
        new Backlog(
            100,
            SPOOL_BYTES,
            AsyncTransport.spoolAt(dir, 100, SPOOL_BYTES, discards, null),
            discards);
    Envelope e = Envelopes.event("in flight at close");
    Outgoing o =
        new Outgoing(
            dev.sentry4j.internal.json.EnvelopeWriter.write(e, null), Manifest.of(e), null);
    assertThat(backlog.tryHold(o)).isTrue();
    assertThat(backlog.pollOutbox()).isSameAs(o); // the sender took it (no group commit yet)

    assertThat(backlog.toDisk(List.of(o))).isTrue(); // the sender, abandoning its request
    assertThat(backlog.toDisk(List.of(o))).isTrue(); // close, saving what is in flight

    assertThat(backlog.onDisk()).isEqualTo(1);
    assertThat(deliveredAfterRestart(1)).containsExactly(e.getEventId().toString());
  }

  private List<String> sendErrors(AsyncTransport transport) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < ERRORS; i++) {
      Envelope e = Envelopes.event("order " + i + " failed");
      ids.add(e.getEventId().toString());
      assertThat(transport.send(e)).isTrue();
    }
    return ids;
  }

  /** Sentry takes requests and never answers; memory holds one envelope. */
  private AsyncTransport firstTransport(DiscardCounter discards) {
    return open(
        new AsyncTransport(
            new NeverAnswers(),
            100,
            1, // maxQueueBytes: the one in flight fills it
            true,
            AsyncTransport.spoolAt(dir, 100, SPOOL_BYTES, discards, null),
            discards,
            Pipeline.fast().build(),
            4));
  }

  private List<String> deliveredAfterRestart(int expected) {
    try (SentryReceiver receiver = SentryReceiver.start()) {
      AsyncTransport next = restart(receiver);
      receiver.awaitEvents(expected, WAIT);
      assertThat(next.flush(WAIT)).isTrue();
      assertThat(receiver.events()).hasSize(expected); // each once
      return eventIds(receiver);
    }
  }

  private AsyncTransport restart(SentryReceiver receiver) {
    DiscardCounter discards = new DiscardCounter();
    HttpSender http =
        HttpSenders.forUrl(
            "http://127.0.0.1:" + receiver.port() + "/api/1/envelope/",
            "Sentry sentry_version=7, sentry_key=" + SentryReceiver.PUBLIC_KEY,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            true,
            4);
    return open(
        new AsyncTransport(
            http,
            100,
            SPOOL_BYTES,
            true,
            AsyncTransport.spoolAt(dir, 100, SPOOL_BYTES, discards, null),
            discards,
            Pipeline.fast().build(),
            4));
  }

  private static List<String> eventIds(SentryReceiver receiver) {
    return receiver.events().stream()
        .map(ReceivedEvent::eventId)
        .distinct()
        .collect(Collectors.toList());
  }

  private AsyncTransport open(AsyncTransport transport) {
    toClose.add(() -> transport.close(Duration.ofSeconds(2)));
    return transport;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(50, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Takes every request and never answers; close cuts them. */
  private static final class NeverAnswers implements HttpSender {
    private final List<CompletableFuture<HttpResult>> open = new ArrayList<>();

    @Override
    public HttpResult send(byte[] envelope) {
      throw new UnsupportedOperationException("asynchronous only");
    }

    @Override
    public synchronized CompletableFuture<HttpResult> sendAsync(byte[] envelope) {
      CompletableFuture<HttpResult> f = new CompletableFuture<>();
      open.add(f);
      return f;
    }

    @Override
    public synchronized void close() {
      for (CompletableFuture<HttpResult> f : open) {
        f.completeExceptionally(new java.io.IOException("closed"));
      }
    }
  }
}
