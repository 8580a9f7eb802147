package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import dev.sentry4j.testing.ReceivedClientReport;
import dev.sentry4j.testing.SentryReceiver;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A spool that cannot be trusted: an oversized file, a full disk, an unwritable directory, a spool
 * too small for what close has to keep. Every captured error ends delivered or reported dropped
 * once Sentry is reachable.
 */
@Timeout(90)
class HostileSpoolTest extends SpoolTestBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aFileOfA120MegabytesIsSetAsideUnreadCountedAndTheRestIsSent() throws Exception {
    SentryReceiver receiver = open(SentryReceiver.start());
    Path dir =
        DiskSpool.directoryFor(
            cacheDir.toString(), "1", SentryReceiver.PUBLIC_KEY, receiver.endpoint());
    Files.createDirectories(dir);
    Path big = dir.resolve("0000000000001-000000-00000000.1.event~1~1~0.spool"); // oldest: first
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      // the header line of a file the SDK wrote for this DSN, so it is not set aside as foreign
      f.write(("sentry4j-spool/1 " + dir.getFileName() + "\n").getBytes(StandardCharsets.US_ASCII));
      f.setLength(120L * 1024 * 1024); // sparse: no time spent writing it
    }
    Envelope good = Envelopes.event("after the big one");
    byte[] bytes = EnvelopeWriter.write(good, null);
    new DiskSpool(dir, 100, 1L << 30, m -> {})
        .store(
            SpoolBatch.encode(List.of(new SpoolBatch.Record(Manifest.of(good), bytes))),
            1,
            Manifest.of(good));

    open(Pipeline.start(receiver.dsn(), cacheDir, null));
    receiver.awaitEvents(1, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();

    assertThat(DeliveryFaultTest.acceptedEventIds(receiver))
        .containsExactly(good.getEventId().toString());
    assertThat(receiver.discarded("internal_sdk_error", "error")).isEqualTo(1);
    assertThat(big).doesNotExist();
    assertThat(dir.resolve("corrupt").resolve(big.getFileName())).exists();
  }

  @Test
  void dropsOfAFullDiskWhileSentryIsDownAreReportedOnceItIsBack() throws Exception {
    int port = Pipeline.closedPort();
    Pipeline p =
        open(
            Pipeline.start(
                Pipeline.dsnForPort(port),
                cacheDir,
                o -> o.setMaxQueueSize(20).setMaxQueueBytes(16 * 1024),
                Pipeline.fast().build(),
                (file, data) -> {
                  throw new IOException("No space left on device");
                }));
    int captured = captureErrors(500);
    SentryReceiver receiver = open(SentryReceiver.start(port));

    awaitAccounted(receiver, captured);
    assertThat(p.stats().getSpooled()).isZero();
  }

  @Test
  void dropsOfAnUnwritableSpoolWhileSentryIsDownAreReportedOnceItIsBack() throws Exception {
    Path notADirectory = cacheDir.resolve("file");
    Files.writeString(notADirectory, "a file where the spool should be");
    int port = Pipeline.closedPort();
    open(
        Pipeline.start(
            Pipeline.dsnForPort(port),
            notADirectory,
            o -> o.setMaxQueueSize(20).setMaxQueueBytes(16 * 1024),
            Pipeline.fast().build(),
            null));
    int captured = captureErrors(500);
    SentryReceiver receiver = open(SentryReceiver.start(port));

    awaitAccounted(receiver, captured);
  }

  @Test
  void whatCloseEvictsOrCannotKeepIsReportedByTheNextStart() throws Exception {
    int port = Pipeline.closedPort();
    String dsn = Pipeline.dsnForPort(port);
    Pipeline first =
        Pipeline.start(dsn, cacheDir, o -> o.setMaxCacheItems(100), Pipeline.fast().build(), null);
    int captured = captureErrors(400);
    first.close();

    SentryReceiver receiver = open(SentryReceiver.start(port));
    open(Pipeline.start(dsn, cacheDir, o -> o.setMaxCacheItems(100)));
    awaitAccounted(receiver, captured);
    assertThat(receiver.discarded("queue_overflow", "error"))
        .as("close spools, it does not drop")
        .isZero();
    assertThat(receiver.discarded("cache_overflow", "error")).isPositive();
  }

  private static int captureErrors(int n) {
    for (int i = 0; i < n; i++) {
      SentryId unused = Sentry.captureMessage("error " + i, Level.ERROR);
    }
    return n;
  }

  private static void awaitAccounted(SentryReceiver receiver, int captured) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (delivered(receiver) + reported(receiver) < captured
        && System.nanoTime() - deadline < 0) {
      Sentry.flush(Duration.ofSeconds(1));
    }
    assertThat(delivered(receiver) + reported(receiver))
        .as("delivered %d + reported %d", delivered(receiver), reported(receiver))
        .isEqualTo(captured);
    assertThat(receiver.malformed()).isEmpty();
  }

  private static long delivered(SentryReceiver receiver) {
    return DeliveryFaultTest.acceptedEventIds(receiver).size();
  }

  private static long reported(SentryReceiver receiver) {
    long n = 0;
    for (ReceivedClientReport report : receiver.clientReports()) {
      if (report.envelope().responseStatus() == 200) {
        for (ReceivedClientReport.Discard d : report.discarded()) {
          n += d.category().equals("error") ? d.quantity() : 0;
        }
      }
    }
    return n;
  }

  @SuppressWarnings("unused")
  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }
}
