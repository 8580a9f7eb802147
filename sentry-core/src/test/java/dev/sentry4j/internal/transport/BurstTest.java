package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.ClientStats;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BurstTest {
  private static final int BURST = 10_000;
  private static final int MAX_QUEUE = 200;
  private static final long MAX_QUEUE_BYTES = 64 * 1024;

  @TempDir Path cacheDir;
  private final SentryReceiver receiver = SentryReceiver.start();

  @AfterEach
  void close() {
    Sentry.close();
    receiver.close();
  }

  @Test
  @Timeout(150)
  void tenThousandErrorsAgainstASlowServerAreDeliveredOrReportedWithBoundedMemory() {
    receiver.stall(); // the first request hangs until the burst is over
    Pipeline p =
        Pipeline.start(
            receiver.dsn(),
            cacheDir,
            o ->
                o.setMaxQueueSize(MAX_QUEUE)
                    .setMaxQueueBytes(MAX_QUEUE_BYTES)
                    .setMaxCacheItems(BURST * 2)
                    .setReadTimeout(Duration.ofSeconds(30)));

    Set<String> accepted = new HashSet<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < BURST; i++) {
      SentryId id = Sentry.captureMessage("burst " + i, Level.ERROR);
      if (!id.isEmpty()) {
        accepted.add(id.toString());
      }
    }
    long burstMillis = (System.nanoTime() - t0) / 1_000_000;
    ClientStats afterBurst = p.stats();
    receiver.unstall();
    assertThat(Sentry.flush(Duration.ofSeconds(120))).isTrue();

    Set<String> delivered = new HashSet<>(DeliveryFaultTest.acceptedEventIds(receiver));
    long reported = 0;
    for (DiscardReason r : DiscardReason.values()) {
      reported += receiver.discarded(r.wireName(), "error");
    }
    System.out.printf(
        "burst: captured=%d in %d ms, accepted=%d delivered=%d reported-dropped=%d"
            + " spooled-after-burst=%d peak-queued=%d peak-queued-bytes=%d%n",
        BURST,
        burstMillis,
        accepted.size(),
        delivered.size(),
        reported,
        afterBurst.getSpooled(),
        p.transport.peakQueued(),
        p.transport.peakQueuedBytes());

    assertThat(delivered.size() + reported).isEqualTo(BURST);
    assertThat(delivered).isEqualTo(accepted);
    assertThat(reported).isEqualTo(DeliveryFaultTest.droppedErrors(p.stats()));
    assertThat(p.transport.peakQueued()).isLessThanOrEqualTo(MAX_QUEUE);
    assertThat(p.transport.peakQueuedBytes()).isLessThanOrEqualTo(MAX_QUEUE_BYTES);
    assertThat(afterBurst.getSpooled()).as("the overflow went to disk").isPositive();
    assertThat(receiver.malformed()).isEmpty();
  }
}
