package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.Sentry;
import dev.sentry4j.event.Level;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.Response;
import dev.sentry4j.testing.SentryReceiver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is left on disk is delivered by the next start: after close, after kill -9, despite damage.
 */
@Timeout(40)
class SpoolRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path cacheDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    Sentry.close();
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void theNextInitWithTheSameDsnSendsWhatWasLeftWithoutBlockingStartUp() {
    int port = Pipeline.closedPort();
    Consumer<SentryOptions.Builder> options =
        o ->
            o.setDsn(Pipeline.dsnForPort(port))
                .setCacheDirPath(cacheDir.toString())
                .setAttachStacktrace(false)
                .setShutdownTimeout(Duration.ofSeconds(1));
    Sentry.init(options);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(Sentry.captureMessage("left for the next start " + i, Level.ERROR).toString());
    }
    await().atMost(WAIT).until(() -> Sentry.getClient().getStats().getSpooled() == 3);
    Sentry.close();

    SentryReceiver receiver = open(SentryReceiver.start(port));
    Sentry.init(options);
    assertThat(Sentry.getClient().getStats().getSent())
        .as("nothing is sent by init itself")
        .isZero();

    receiver.awaitEvents(3, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(DeliveryFaultTest.acceptedEventIds(receiver))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(receiver.events()).allSatisfy(RelaySchema::assertValid);
    assertThat(receiver.events())
        .allSatisfy(e -> assertThat(e.envelope().header().get("sent_at").asText()).endsWith("Z"));
  }

  @Test
  void aJvmKilledRightAfterCapturingHasItsEventsDeliveredByTheNextOne() throws Exception {
    int port = Pipeline.closedPort();
    String dsn = Pipeline.dsnForPort(port);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                classpath,
                SpoolingChild.class.getName(),
                dsn,
                cacheDir.toString(),
                "5")
            .redirectErrorStream(true)
            .start();
    List<String> ids = new ArrayList<>();
    String last;
    try {
      BlockingQueue<String> lines = readLines(child);
      while (true) {
        last = lines.poll(20, TimeUnit.SECONDS);
        assertThat(last).as("child output so far: ids " + ids).isNotNull();
        if (last.startsWith("ID ")) {
          ids.add(last.substring(3));
        } else if (last.startsWith("SPOOLED") || last.startsWith("TIMEOUT")) {
          break;
        }
      }
    } finally {
      child.destroyForcibly(); // kill -9: no shutdown hook, no flush
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(last).startsWith("SPOOLED");
    assertThat(ids).hasSize(5).allMatch(id -> id.matches("[0-9a-f]{32}"));
    Path dir =
        DiskSpool.directoryFor(
            cacheDir.toString(),
            "1",
            SentryReceiver.PUBLIC_KEY,
            "http://127.0.0.1:" + port + "/api/1/envelope/");
    try (Stream<Path> files = Files.list(dir)) {
      List<String> contents = new ArrayList<>();
      for (Path f : (Iterable<Path>) files::iterator) {
        contents.add(Files.readString(f));
      }
      assertThat(contents).isNotEmpty().noneMatch(c -> c.contains("sent_at"));
      assertThat(String.join("", contents)).contains(ids);
    }

    SentryReceiver receiver = open(SentryReceiver.start(port));
    open(Pipeline.start(dsn, cacheDir, null));
    receiver.awaitEvents(5, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(DeliveryFaultTest.acceptedEventIds(receiver))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(receiver.events()).hasSize(5);
  }

  @Test
  void corruptAndTruncatedFilesAreSkippedCountedAndMovedAsideWhileTheRestIsSent() throws Exception {
    SentryReceiver receiver = open(SentryReceiver.start());
    Path dir =
        DiskSpool.directoryFor(
            cacheDir.toString(), "1", SentryReceiver.PUBLIC_KEY, receiver.endpoint());
    DiskSpool spool = new DiskSpool(dir, 100, 1 << 20, m -> {});
    List<String> good = new ArrayList<>();

    spool.store(file(good, true, true), 2, "event~2~2~0"); // whole: both sent
    byte[] truncated = file(new ArrayList<>(), true, true);
    spool.store(Arrays.copyOf(truncated, truncated.length - 30), 2, "event~2~2~0");
    spool.store("\u0000garbage\n".getBytes(StandardCharsets.UTF_8), 1, "event~1~1~0");
    spool.store(file(good, true, false), 2, "event~2~2~0"); // second envelope damaged
    String claimed = spool.store(file(good, true), 1, "event~1~1~0");
    Files.move(dir.resolve(claimed), dir.resolve(claimed + "." + deadPid() + ".sending"));
    Path halfWritten = dir.resolve(".1700000000000-000000-00000000.1.event~1~1~0.spool.tmp");
    Files.write(halfWritten, truncated);
    Files.setLastModifiedTime(halfWritten, FileTime.fromMillis(0));

    open(Pipeline.start(receiver.dsn(), cacheDir, null));
    receiver.awaitEvents(good.size(), WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();

    assertThat(good).hasSize(4);
    assertThat(DeliveryFaultTest.acceptedEventIds(receiver))
        .containsExactlyInAnyOrderElementsOf(good);
    assertThat(receiver.discarded("internal_sdk_error", "error")).isEqualTo(2 + 1 + 1);
    try (Stream<Path> corrupt = Files.list(dir.resolve("corrupt"))) {
      assertThat(corrupt.count()).isEqualTo(2);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("corrupt");
    }
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void aFileCutShortBy503IsPutBackWithTheRestAndNothingIsAcceptedTwice() throws Exception {
    SentryReceiver receiver = open(SentryReceiver.start());
    receiver.enqueueResponses(Response.ok(), Response.ok(), Response.status(503));
    Path dir =
        DiskSpool.directoryFor(
            cacheDir.toString(), "1", SentryReceiver.PUBLIC_KEY, receiver.endpoint());
    List<String> ids = new ArrayList<>();
    new DiskSpool(dir, 100, 1 << 20, m -> {})
        .store(file(ids, true, true, true, true, true), 5, "event~5~5~0");

    Pipeline p = open(Pipeline.start(receiver.dsn(), cacheDir, null));
    // the SDK, not only the receiver, must have seen the answers: until the retry's answer is read
    // the sender still counts Sentry as unreachable (the 503), and a flush then returns at once
    receiver.awaitCondition(
        "all five accepted and their answers read",
        WAIT,
        () -> DeliveryFaultTest.acceptedEventIds(receiver).size() == 5 && p.stats().getSent() == 5);
    assertThat(Sentry.flush(WAIT)).isTrue();

    assertThat(receiver.events()).hasSize(6);
    // several envelopes are in flight at once: the order is not promised, once each is
    assertThat(receiver.events().stream().filter(e -> e.envelope().responseStatus() == 200))
        .extracting(e -> e.eventId())
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(p.stats().getSent()).isEqualTo(5);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  /** A spool file of envelopes; {@code false} damages that envelope's payload. */
  private static byte[] file(List<String> ids, boolean... whole) {
    List<SpoolBatch.Record> records = new ArrayList<>();
    for (boolean ok : whole) {
      Envelope e = Envelopes.event("spooled by an earlier run");
      byte[] bytes = EnvelopeWriter.write(e, null);
      if (ok) {
        ids.add(e.getEventId().toString());
      } else {
        bytes = Arrays.copyOf(bytes, bytes.length - 10); // its length no longer matches
      }
      records.add(new SpoolBatch.Record(Manifest.of(e), bytes));
    }
    return SpoolBatch.encode(records);
  }

  private static BlockingQueue<String> readLines(Process child) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child was killed
              }
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.pid();
  }

  private <T extends AutoCloseable> T open(T resource) {
    toClose.add(resource);
    return resource;
  }
}
