package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.testing.ChildJvm;
import dev.sentry4j.testing.SentryReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short-lived process closes before its first request was even made (on a busy machine the JDK's
 * HTTP stack and the serializer take seconds to load): when Sentry refuses connections, close does
 * not wait for that request, and what waits is on disk for the next start.
 */
@Timeout(60)
class ColdCloseTest {
  private static final long MAX_SPOOL_BYTES = 10L << 20;

  @TempDir Path dir;

  @Test
  void closeReturnsLongBeforeItsTimeoutWhenSentryRefusesAndTheFirstRequestIsStuck()
      throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    DiscardCounter discards = new DiscardCounter();
    AsyncTransport transport = transport(new ColdSender(stuck), discards);
    for (int i = 0; i < 5; i++) {
      transport.send(Envelopes.event("order " + i + " failed"));
    }

    long start = System.nanoTime();
    transport.close(Duration.ofSeconds(30));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // Without the probe, close waits 2 s for an answer to the stuck request (then ~2.5 s in all);
    // without the short join of a busy sender, until near its 30 s timeout. With both: ~0.2 s.
    System.out.println("close with Sentry refusing and the first request stuck: " + tookMillis);
    assertThat(tookMillis)
        .isLessThan(TimeUnit.NANOSECONDS.toMillis(AsyncTransport.UNANSWERED_LIMIT_NANOS));
    assertThat(transport.getStats().getSpooled()).isEqualTo(5);
    stuck.countDown(); // the stuck request fails; its envelope may be kept twice (at least once)

    AtomicInteger delivered = new AtomicInteger();
    AsyncTransport next = transport(new Accepting(delivered), new DiscardCounter());
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> delivered.get() >= 5);
    } finally {
      next.close(Duration.ofSeconds(2));
    }
  }

  @Test
  void theProbeTellsARefusedPortFromAListeningOne() {
    HttpSender down = sender(ChildJvm.freePort());
    try (SentryReceiver receiver = SentryReceiver.start()) {
      HttpSender up = sender(receiver.port());
      assertThat(down.refusesConnections(Duration.ofSeconds(2))).isTrue();
      assertThat(up.refusesConnections(Duration.ofSeconds(2))).isFalse();
      up.close();
    } finally {
      down.close();
    }
  }

  private static HttpSender sender(int port) {
    return HttpSenders.forUrl(
        "http://127.0.0.1:" + port + "/api/1/envelope/",
        null,
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        true,
        4);
  }

  private AsyncTransport transport(HttpSender http, DiscardCounter discards) {
    return new AsyncTransport(
        http,
        100,
        MAX_SPOOL_BYTES,
        false,
        AsyncTransport.spoolAt(dir, 100, MAX_SPOOL_BYTES, discards, null),
        discards,
        Pipeline.fast().build(),
        4);
  }

  /** Its first request never gets going (as if the HTTP stack were still loading). */
  private static final class ColdSender implements HttpSender {
    private final CountDownLatch stuck;

    ColdSender(CountDownLatch stuck) {
      this.stuck = stuck;
    }

    @Override
    public HttpResult send(byte[] envelope) throws IOException {
      try {
        stuck.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("connection refused");
    }

    @Override
    public boolean refusesConnections(Duration timeout) {
      return true; // Sentry is down
    }

    @Override
    public void close() {}
  }

  /** Sentry is back: accepts everything. */
  private static final class Accepting implements HttpSender {
    private final AtomicInteger delivered;

    Accepting(AtomicInteger delivered) {
      this.delivered = delivered;
    }

    @Override
    public HttpResult send(byte[] envelope) {
      delivered.incrementAndGet();
      return new HttpResult(200, null, null);
    }

    @Override
    public CompletableFuture<HttpResult> sendAsync(byte[] envelope) {
      return CompletableFuture.completedFuture(send(envelope));
    }

    @Override
    public void close() {}
  }
}
