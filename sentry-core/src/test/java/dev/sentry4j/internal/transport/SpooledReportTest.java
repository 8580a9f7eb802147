package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.ClientReport;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import dev.sentry4j.testing.ReceivedClientReport;
import dev.sentry4j.testing.Response;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client report kept in the spool (the counts a closed or killed process left) carries drops that
 * exist nowhere else: when Sentry refuses it, the counts it carries are reported later, never
 * dropped with it.
 */
@Timeout(60)
class SpooledReportTest extends SpoolTestBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aSpooledReportRefusedWith413IsReportedByTheNextStart() throws Exception {
    SentryReceiver refusing = open(SentryReceiver.start());
    refusing.respondWith(Response.status(413).body("too large"));
    spoolReport(refusing, 50);

    Pipeline first = Pipeline.start(refusing.dsn(), cacheDir, null);
    await()
        .atMost(WAIT)
        .until(() -> !refusing.clientReports().isEmpty() && first.stats().getSpooled() == 0);
    first.close();
    int port = refusing.port();
    refusing.close();

    SentryReceiver healthy = open(SentryReceiver.start(port));
    open(Pipeline.start(healthy.dsn(), cacheDir, null));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Sentry.flush(Duration.ofSeconds(1));
              assertThat(accepted(healthy, "cache_overflow"))
                  .as("reported after 413")
                  .isEqualTo(50);
            });
  }

  @Test
  void countsASenderStillHoldsWhenCloseGivesUpOnItAreReportedByTheNextStart() throws Exception {
    SentryReceiver healthy = open(SentryReceiver.start());
    DiscardCounter discards = new DiscardCounter();
    discards.record(DiscardReason.CACHE_OVERFLOW, DataCategory.ERROR, 50);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpSender stuck =
        new HttpSender() {
          @Override
          public HttpResult send(byte[] envelope) {
            entered.countDown();
            awaitUninterruptibly(release); // a sender thread close cannot stop in time
            return new HttpResult(413, null, null, "too large");
          }

          @Override
          public void close() {}
        };
    DiskSpool spool = AsyncTransport.spoolAt(spoolDir(healthy), 100, 1 << 20, discards, null);
    AsyncTransport transport =
        new AsyncTransport(
            stuck,
            10,
            1 << 20,
            true,
            spool,
            discards,
            Pipeline.fast().clientReportInterval(Duration.ZERO).build(),
            1);
    transport.send(Envelopes.event("carries the report"));
    assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    transport.close(Duration.ofMillis(300)); // gives up on the sender: the 50 are in its request
    release.countDown();

    open(Pipeline.start(healthy.dsn(), cacheDir, null));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Sentry.flush(Duration.ofSeconds(1));
              assertThat(accepted(healthy, "cache_overflow")).isEqualTo(50);
              assertThat(accepted(healthy, "send_error")).as("the 413 answered late").isEqualTo(1);
            });
  }

  @Test
  void aFullSpoolEvictsEnvelopesNeverAReport() throws Exception {
    List<String> evicted = new ArrayList<>();
    DiskSpool spool = new DiskSpool(cacheDir.resolve("capped"), 2, 1 << 20, evicted::add);
    DiscardCounter counter = new DiscardCounter();
    counter.record(DiscardReason.CACHE_OVERFLOW, DataCategory.ERROR, 7);
    String report = storeReport(spool, counter);
    byte[] event = EnvelopeWriter.write(Envelopes.event("one"), null);
    String manifest = "event~1~1~" + event.length;
    byte[] file = SpoolBatch.encode(List.of(new SpoolBatch.Record(manifest, event)));
    assertThat(spool.store(file, 1, manifest)).isNotNull();
    assertThat(spool.store(file, 1, manifest)).isNotNull(); // full: the oldest must go

    assertThat(evicted).containsExactly(manifest);
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(spool.directory())) {
      assertThat(files.map(p -> p.getFileName().toString())).contains(report);
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (latch.getCount() > 0 && System.nanoTime() - deadline < 0) {
      try {
        latch.await(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Path spoolDir(SentryReceiver receiver) {
    return DiskSpool.directoryFor(
        cacheDir.toString(), "1", SentryReceiver.PUBLIC_KEY, receiver.endpoint());
  }

  private static String storeReport(DiskSpool spool, DiscardCounter counter) {
    ClientReport report = ClientReport.take(counter, Instant.now());
    byte[] bytes = EnvelopeWriter.write(Sender.reportEnvelope(report), null);
    String manifest = "client_report~1~1~" + report.payload().length;
    String name =
        spool.store(
            SpoolBatch.encode(List.of(new SpoolBatch.Record(manifest, bytes))), 1, manifest);
    assertThat(name).isNotNull();
    return name;
  }

  /** Writes a client report of {@code errors} evicted errors to the spool of {@code receiver}. */
  private void spoolReport(SentryReceiver receiver, long errors) {
    DiscardCounter counter = new DiscardCounter();
    counter.record(DiscardReason.CACHE_OVERFLOW, DataCategory.ERROR, errors);
    storeReport(new DiskSpool(spoolDir(receiver), 100, 1 << 20, m -> {}), counter);
  }

  /** Errors reported dropped for {@code reason} in client reports Sentry accepted. */
  private static long accepted(SentryReceiver receiver, String reason) {
    long n = 0;
    for (ReceivedClientReport report : receiver.clientReports()) {
      if (report.envelope().responseStatus() != 200) {
        continue;
      }
      for (ReceivedClientReport.Discard d : report.discarded()) {
        if (d.reason().equals(reason) && d.category().equals("error")) {
          n += d.quantity();
        }
      }
    }
    return n;
  }
}
