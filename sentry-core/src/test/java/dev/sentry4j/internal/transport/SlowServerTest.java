package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.event.Level;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Sentry that answers one byte per second ({@link SentryReceiver#trickle}): the client keeps its
 * memory and threads bounded while it captures, closes on time, and after a restart on the same
 * spool every captured error is delivered or reported dropped, with nothing left on disk.
 */
@Timeout(180)
class SlowServerTest {
  private static final int ERRORS = 600;
  private static final int MAX_QUEUE = 100;
  private static final long MAX_QUEUE_BYTES = 128 * 1024;
  private static final int MAX_IN_FLIGHT = 4;
  private static final Duration SHUTDOWN = Duration.ofSeconds(3);

  @TempDir Path cacheDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

  @AfterEach
  void closeAll() throws Exception {
    Sentry.close();
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void aServerTricklingOneBytePerSecondCostsBoundedMemoryAndThreadsAndLosesNothing()
      throws Exception {
    SentryReceiver slow = SentryReceiver.start();
    toClose.add(slow);
    slow.trickle(Duration.ofSeconds(1));
    Pipeline p =
        Pipeline.start(
            slow.dsn(),
            cacheDir,
            o ->
                o.setMaxQueueSize(MAX_QUEUE)
                    .setMaxQueueBytes(MAX_QUEUE_BYTES)
                    .setMaxInFlight(MAX_IN_FLIGHT)
                    .setReadTimeout(Duration.ofSeconds(2))
                    .setShutdownTimeout(SHUTDOWN));
    AtomicInteger peakThreads = new AtomicInteger();
    Thread[] app = new Thread[2];
    for (int t = 0; t < app.length; t++) {
      int first = t * (ERRORS / app.length);
      app[t] =
          new Thread(
              () -> {
                for (int i = first; i < first + ERRORS / app.length; i++) {
                  Sentry.captureMessage("slow " + i, Level.ERROR);
                  if (i % 50 == 0) {
                    peakThreads.accumulateAndGet(sdkThreads(), Math::max);
                  }
                }
              },
              "app-" + t);
      app[t].start();
    }
    for (Thread t : app) {
      t.join(60_000);
    }
    // requests reach the server and hang in its answers
    await().atMost(Duration.ofSeconds(30)).until(() -> slow.requestCount() >= 1);
    peakThreads.accumulateAndGet(sdkThreads(), Math::max);

    long start = System.nanoTime();
    Sentry.close();
    long closeMillis = (System.nanoTime() - start) / 1_000_000;
    long peakBytes = p.transport.peakQueuedBytes();
    long dropped = DeliveryFaultTest.droppedErrors(p.stats());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(sdkThreads()).as("SDK threads after close: %s", dump()).isZero());
    System.out.printf(
        "[slow server] close %d ms, peak SDK threads %d, peak queued bytes %d, requests %d,"
            + " dropped %d, on disk %d%n",
        closeMillis,
        peakThreads.get(),
        peakBytes,
        slow.requestCount(),
        dropped,
        p.stats().getSpooled());
    int port = slow.port();
    slow.close();

    assertThat(closeMillis).as("close within shutdownTimeout, with headroom").isLessThan(13_000);
    assertThat(peakThreads.get())
        .as("worker, sender and at most maxInFlight requests")
        .isLessThanOrEqualTo(2 + MAX_IN_FLIGHT + 1);
    assertThat(peakBytes).isLessThanOrEqualTo(MAX_QUEUE_BYTES);

    // the next start, on the same spool, against a Sentry that answers
    SentryReceiver healthy = SentryReceiver.start(port);
    toClose.add(healthy);
    Pipeline.start(healthy.dsn(), cacheDir, null);
    assertThat(Sentry.flush(Duration.ofSeconds(60))).isTrue();
    Set<String> delivered = new HashSet<>(DeliveryFaultTest.acceptedEventIds(slow));
    delivered.addAll(DeliveryFaultTest.acceptedEventIds(healthy));
    long reported = 0;
    for (DiscardReason r : DiscardReason.values()) {
      reported += healthy.discarded(r.wireName(), "error");
    }
    System.out.printf(
        "[slow server] captured %d = delivered %d + reported %d%n",
        ERRORS, delivered.size(), reported);
    assertThat(delivered.size() + reported).isEqualTo(ERRORS);
    assertThat(Sentry.getClient().getStats().getSpooled()).as("left on disk").isZero();
    assertThat(healthy.malformed()).isEmpty();
  }

  private String dump() {
    StringBuilder b = new StringBuilder();
    for (java.util.Map.Entry<Thread, StackTraceElement[]> e :
        Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (t.getName().startsWith("sentry4j-") && !before.contains(t)) {
        b.append('\n').append(t.getName());
        for (int i = 0; i < Math.min(12, e.getValue().length); i++) {
          b.append("\n    at ").append(e.getValue()[i]);
        }
      }
    }
    return b.toString();
  }

  /** Live threads of the SDK started by this test: its worker, sender and HTTP threads. */
  private int sdkThreads() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("sentry4j-") && !before.contains(t)) {
        n++;
      }
    }
    return n;
  }
}
