package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * When every slot for unserialized envelopes is taken (the intake worker is held here by a {@code
 * beforeSend} that waits on the worker thread), a capture does the worker's job for its own
 * envelope: {@code beforeSend} runs on the capturing thread, and the envelope goes to memory within
 * {@code maxQueueBytes}, else to disk. Nothing is dropped while the disk takes it.
 */
@Timeout(120)
class OverflowTest {
  private static final int SLOTS = 10;
  private static final long QUEUE_BYTES = 16 * 1024;

  @TempDir Path cacheDir;
  private final CountDownLatch workerReleased = new CountDownLatch(1);
  private final Set<String> beforeSendThreads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger onCaller = new AtomicInteger();
  private SentryReceiver receiver;
  private Pipeline pipeline;

  @AfterEach
  void closeAll() {
    workerReleased.countDown();
    if (pipeline != null) {
      pipeline.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aBurstBeyondTheSlotsIsProcessedOnTheCapturingThreadAndEverythingIsDelivered() {
    receiver = SentryReceiver.start();
    pipeline = start(receiver.dsn(), o -> {});
    int burst = 1_000;

    Set<String> accepted = captureBurst(burst);

    assertThat(accepted).as("accepted").hasSize(burst);
    assertThat(onCaller.get())
        .as("beforeSend on the capturing thread")
        .isGreaterThanOrEqualTo(burst - SLOTS - 1);
    assertThat(pipeline.transport.ranOnCaller()).isGreaterThanOrEqualTo(burst - SLOTS - 1);
    assertThat(pipeline.stats().getSpooled() + pipeline.stats().getQueued())
        .as("waiting while the worker is held")
        .isPositive();
    workerReleased.countDown();
    assertThat(Sentry.flush(Duration.ofSeconds(60))).isTrue();

    assertThat(new HashSet<>(DeliveryFaultTest.acceptedEventIds(receiver))).isEqualTo(accepted);
    assertThat(DeliveryFaultTest.droppedErrors(pipeline.stats())).as("dropped").isZero();
    assertThat(pipeline.transport.peakQueued()).isLessThanOrEqualTo(SLOTS);
    assertThat(pipeline.transport.peakQueuedBytes()).isLessThanOrEqualTo(QUEUE_BYTES);
    assertThat(beforeSendThreads).contains(Thread.currentThread().getName(), "sentry4j-worker");
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void withSentryDownTheOverflowGoesToDiskAndTheNextStartSendsIt() throws Exception {
    int port = Pipeline.closedPort();
    pipeline = start(Pipeline.dsnForPort(port), o -> {});
    int burst = 300;

    Set<String> accepted = captureBurst(burst);
    assertThat(accepted).hasSize(burst);
    workerReleased.countDown();
    pipeline.close(); // what is left in memory goes to disk too
    assertThat(DeliveryFaultTest.droppedErrors(pipeline.stats())).as("dropped").isZero();

    receiver = SentryReceiver.start(port);
    pipeline = Pipeline.start(receiver.dsn(), cacheDir, null);
    assertThat(Sentry.flush(Duration.ofSeconds(60))).isTrue();
    assertThat(new HashSet<>(DeliveryFaultTest.acceptedEventIds(receiver))).isEqualTo(accepted);
    assertThat(receiver.discarded(DiscardReason.QUEUE_OVERFLOW.wireName(), "error")).isZero();
  }

  @Test
  void withoutASpoolWhatMemoryCannotTakeIsDroppedAndCounted() {
    receiver = SentryReceiver.start();
    pipeline = start(receiver.dsn(), o -> o.setMaxCacheItems(0));
    int burst = 500;

    Set<String> accepted = captureBurst(burst);
    workerReleased.countDown();
    assertThat(Sentry.flush(Duration.ofSeconds(60))).isTrue();

    long dropped = DeliveryFaultTest.droppedErrors(pipeline.stats());
    Set<String> delivered = new HashSet<>(DeliveryFaultTest.acceptedEventIds(receiver));
    assertThat(dropped).as("memory holds %d bytes only", QUEUE_BYTES).isPositive();
    assertThat(accepted.size()).as("refused at capture").isLessThan(burst);
    // the worker's held envelopes may find memory full too: dropped after they were accepted
    assertThat(delivered.size() + dropped).isEqualTo(burst);
    assertThat(accepted).containsAll(delivered);
    assertThat(pipeline.transport.peakQueuedBytes()).isLessThanOrEqualTo(QUEUE_BYTES);
  }

  @Test
  void aBeforeSendThatCapturesAgainOnTheCapturingThreadDoesNotRecurse() {
    receiver = SentryReceiver.start();
    AtomicInteger nested = new AtomicInteger();
    pipeline =
        start(
            receiver.dsn(),
            o ->
                o.setBeforeSend(
                    (event, hint) -> {
                      holdTheWorker();
                      if (!Thread.currentThread().getName().startsWith("sentry4j-")) {
                        nested.incrementAndGet();
                        Sentry.captureMessage("from beforeSend", Level.ERROR); // no slot either
                        if ("throw".equals(event.getMessage())) {
                          throw new IllegalStateException("beforeSend failed");
                        }
                      }
                      return event;
                    }));

    Set<String> accepted = captureBurst(SLOTS + 50);
    SentryId id = Sentry.captureMessage("throw", Level.ERROR); // nothing thrown into the app
    workerReleased.countDown();
    assertThat(Sentry.flush(Duration.ofSeconds(60))).isTrue();

    assertThat(nested.get()).isGreaterThanOrEqualTo(49);
    assertThat(accepted).hasSize(SLOTS + 50);
    assertThat(id.isEmpty()).isFalse();
    // the nested captures found no slot and could not run here again: dropped and counted
    assertThat(pipeline.stats().getDropped())
        .containsKey(DiscardReason.QUEUE_OVERFLOW.wireName() + ":error");
  }

  private Pipeline start(String dsn, Consumer<SentryOptions.Builder> more) {
    return Pipeline.start(
        dsn,
        cacheDir,
        o -> {
          o.setMaxQueueSize(SLOTS)
              .setMaxQueueBytes(QUEUE_BYTES)
              .setMaxCacheItems(10_000)
              .setBeforeSend(
                  (event, hint) -> {
                    holdTheWorker();
                    return event;
                  });
          more.accept(o);
        });
  }

  /** On the intake worker: waits until the test lets it go; elsewhere: notes the thread. */
  private void holdTheWorker() {
    String thread = Thread.currentThread().getName();
    beforeSendThreads.add(thread);
    if (thread.equals("sentry4j-worker")) {
      try {
        workerReleased.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      onCaller.incrementAndGet();
    }
  }

  private static Set<String> captureBurst(int n) {
    Set<String> accepted = new HashSet<>();
    for (int i = 0; i < n; i++) {
      SentryId id = Sentry.captureMessage("burst " + i, Level.ERROR);
      if (!id.isEmpty()) {
        accepted.add(id.toString());
      }
    }
    return accepted;
  }
}
