package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.event.Level;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import dev.sentry4j.testing.SentryReceiver;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The books balance when the spool evicts: an envelope Sentry received (or may have received) is
 * never counted as dropped because its copy on disk is deleted later, and one that was never sent
 * is. Each spooled envelope carries a state written in place ({@link SpoolBatch}): pending,
 * attempted, done.
 */
@Timeout(90)
class SpoolBooksTest extends SpoolTestBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void afterACrashEvictingAGroupCommitFileCountsOnlyTheEnvelopeNeverSent() throws Exception {
    Path dir = cacheDir.resolve("spool");
    DiscardCounter before = new DiscardCounter();
    Backlog backlog =
        new Backlog(
            16, 1 << 20, AsyncTransport.spoolAt(dir, 100, 1 << 20, before, null), before, 0);
    Outgoing delivered = outgoing("delivered");
    Outgoing inFlight = outgoing("in flight");
    Outgoing waiting = outgoing("waiting");
    for (Outgoing o : List.of(delivered, inFlight, waiting)) {
      assertThat(backlog.tryHold(o)).isTrue();
    }
    backlog.commit(); // the group-commit file, locked by this "process"
    assertThat(backlog.isDurable()).isTrue();
    // the sender: one answered 2xx, one posted and not answered, one not sent yet
    assertThat(backlog.pollOutbox()).isSameAs(delivered);
    backlog.attempting(delivered);
    backlog.unhold(delivered);
    assertThat(backlog.pollOutbox()).isSameAs(inFlight);
    backlog.attempting(inFlight);

    // kill -9: memory is gone, the kernel releases the lock, the file stays as it is
    backlog.spool().release(delivered.journal.claim);

    // the next start, with room for 4 envelopes, writes 3: the old file is evicted
    DiscardCounter after = new DiscardCounter();
    DiskSpool restarted = AsyncTransport.spoolAt(dir, 4, 1 << 20, after, null);
    List<Outgoing> fresh = List.of(outgoing("new 1"), outgoing("new 2"), outgoing("new 3"));
    assertThat(restarted.store(file(fresh), 3, manifest(fresh))).isNotNull();

    assertThat(after.total(DiscardReason.CACHE_OVERFLOW, DataCategory.ERROR))
        .as("only the envelope never sent counts as dropped")
        .isEqualTo(1);
    assertThat(before.totals()).isEmpty();
    assertThat(messagesIn(restarted))
        .as("the one in flight is sent again (same event id), the delivered one never")
        .containsExactlyInAnyOrder("in flight", "new 1", "new 2", "new 3");
  }

  /**
   * The sender sends a spool file: the first envelope is answered 2xx, the second is in flight when
   * the sender stops, the third was never sent. The file cannot be rewritten (a full disk), so it
   * stays whole with its marks, as a kill -9 would leave it; evicting it later counts only the
   * third, and keeps the second to be sent again.
   */
  @Test
  void aSpoolFileLeftWholeWithItsMarksCountsOnlyTheEnvelopeNeverSentWhenEvicted() throws Exception {
    Path dir = cacheDir.resolve("spool");
    AtomicBoolean diskFull = new AtomicBoolean();
    DiscardCounter counter = new DiscardCounter();
    DiskSpool spool =
        AsyncTransport.spoolAt(
            dir,
            100,
            1 << 20,
            counter,
            (file, data) -> {
              if (diskFull.get()) {
                throw new IOException("No space left on device");
              }
              try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
                out.write(data); // after the header line, as the spool's own writer does
              }
            });
    List<Outgoing> three = List.of(outgoing("sent"), outgoing("in flight"), outgoing("not sent"));
    assertThat(spool.store(file(three), 3, manifest(three))).isNotNull();
    diskFull.set(true);
    List<CompletableFuture<HttpResult>> requests = new CopyOnWriteArrayList<>();
    HttpSender http = answering(requests, 200); // the second is never answered
    Sender sender =
        new Sender(
            http,
            new Backlog(16, 1 << 20, spool, counter),
            new RateLimiter(Ticker.SYSTEM),
            counter,
            false,
            Pipeline.fast().build(),
            new Progress(),
            1); // one request at a time: the third waits for the second's answer
    Thread thread = new Thread(sender, "test-sender");
    thread.start();
    await().atMost(WAIT).until(() -> requests.size() == 2 && sender.sentCount() == 1);
    sender.stop(); // the second is cut: its outcome is unknown
    thread.join(WAIT.toMillis());
    assertThat(thread.isAlive()).isFalse();

    DiscardCounter after = new DiscardCounter();
    DiskSpool restarted = AsyncTransport.spoolAt(dir, 1, 1 << 20, after, null);
    List<Outgoing> fresh = List.of(outgoing("new"));
    assertThat(restarted.store(file(fresh), 1, manifest(fresh))).isNotNull();

    assertThat(after.total(DiscardReason.CACHE_OVERFLOW, DataCategory.ERROR))
        .as("only the envelope never sent counts as dropped")
        .isEqualTo(1);
    assertThat(messagesIn(restarted)).containsExactlyInAnyOrder("in flight", "new");
  }

  /**
   * An item left out of a request for a rate limit is counted once, when its envelope is done with:
   * not again when the request fails and the envelope is sent again.
   */
  @Test
  void aRateLimitedItemOfAnEnvelopeSentTwiceIsCountedOnce() throws Exception {
    DiscardCounter counter = new DiscardCounter();
    Backlog backlog = new Backlog(16, 1 << 20, null, counter);
    RateLimiter limits = new RateLimiter(Ticker.SYSTEM);
    limits.update(new HttpResult(200, null, "60:attachment:organization"));
    Envelope e = Envelopes.eventWithAttachment("with a file", "file content");
    assertThat(backlog.tryHold(new Outgoing(EnvelopeWriter.write(e, null), Manifest.of(e), null)))
        .isTrue();
    List<CompletableFuture<HttpResult>> requests = new CopyOnWriteArrayList<>();
    Sender sender =
        new Sender(
            answering(requests, 503, 200),
            backlog,
            limits,
            counter,
            false,
            Pipeline.fast().build(),
            new Progress(),
            1);
    Thread thread = new Thread(sender, "test-sender");
    thread.start();
    try {
      await().atMost(WAIT).until(() -> sender.sentCount() == 1);
    } finally {
      sender.stop();
      thread.join(WAIT.toMillis());
    }

    assertThat(requests).hasSize(2);
    assertThat(counter.total(DiscardReason.RATELIMIT_BACKOFF, DataCategory.ATTACHMENT))
        .as("attachment bytes, once")
        .isEqualTo("file content".length());
  }

  @Test
  void evictingAFileOfEnvelopesNeverSentCountsThemAll() throws Exception {
    Path dir = cacheDir.resolve("spool");
    DiscardCounter counter = new DiscardCounter();
    DiskSpool spool = AsyncTransport.spoolAt(dir, 3, 1 << 20, counter, null);
    List<Outgoing> old = List.of(outgoing("old 1"), outgoing("old 2"));
    List<Outgoing> fresh = List.of(outgoing("new 1"), outgoing("new 2"));
    spool.store(file(old), 2, manifest(old));
    spool.store(file(fresh), 2, manifest(fresh));

    assertThat(counter.total(DiscardReason.CACHE_OVERFLOW, DataCategory.ERROR)).isEqualTo(2);
    assertThat(messagesIn(spool)).containsExactlyInAnyOrder("new 1", "new 2");
  }

  /**
   * A Sentry that stores each envelope and then trickles its answer: close cuts the answers, so the
   * client does not know these envelopes arrived. Their copies on disk say "attempted": when the
   * next start finds the spool over its caps and evicts them, they are sent again, not counted.
   */
  @Test
  void envelopesWhoseAnswersCloseCutAreSentAgainNotCountedWhenTheSpoolEvictsThem()
      throws Exception {
    SentryReceiver slow = open(SentryReceiver.start());
    slow.trickle(Duration.ofSeconds(1));
    Pipeline.start(
        slow.dsn(),
        cacheDir,
        o -> o.setMaxInFlight(4).setShutdownTimeout(Duration.ofSeconds(2)).setMaxCacheItems(100));
    int captured = 0;
    for (; captured < 4; captured++) {
      Sentry.captureMessage("first " + captured, Level.ERROR);
    }
    await().atMost(WAIT).until(() -> slow.requestCount() >= 4); // stored, answers trickling
    for (; captured < 40; captured++) {
      Sentry.captureMessage("then " + captured, Level.ERROR);
    }
    Sentry.close();
    int port = slow.port();
    slow.close();

    // the next start allows 2 envelopes: it finds 40 (over twice its caps) and evicts the oldest
    SentryReceiver healthy = open(SentryReceiver.start(port));
    open(Pipeline.start(healthy.dsn(), cacheDir, o -> o.setMaxCacheItems(2)));
    assertThat(Sentry.flush(WAIT)).isTrue();
    Set<String> delivered = new HashSet<>(DeliveryFaultTest.acceptedEventIds(slow));
    delivered.addAll(DeliveryFaultTest.acceptedEventIds(healthy));
    long reported = healthy.discarded("cache_overflow", "error");
    assertThat(DeliveryFaultTest.acceptedEventIds(slow)).hasSize(4);
    assertThat(reported).as("the spool was trimmed").isPositive();
    assertThat(delivered.size() + reported)
        .as("delivered %d + reported %d", delivered.size(), reported)
        .isEqualTo(captured);
  }

  /**
   * An HTTP sender answering its requests with {@code statuses} in turn, then never; every request
   * lands in {@code requests}.
   */
  private static HttpSender answering(
      List<CompletableFuture<HttpResult>> requests, int... statuses) {
    return new HttpSender() {
      @Override
      public HttpResult send(byte[] envelope) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletableFuture<HttpResult> sendAsync(byte[] envelope) {
        CompletableFuture<HttpResult> answer = new CompletableFuture<>();
        if (requests.size() < statuses.length) {
          answer.complete(new HttpResult(statuses[requests.size()], null, null));
        }
        requests.add(answer);
        return answer;
      }

      @Override
      public void close() {}
    };
  }

  private static Outgoing outgoing(String message) {
    Envelope e = Envelopes.event(message);
    return new Outgoing(EnvelopeWriter.write(e, null), Manifest.of(e), null);
  }

  private static byte[] file(List<Outgoing> envelopes) {
    List<SpoolBatch.Record> records = new ArrayList<>();
    for (Outgoing o : envelopes) {
      records.add(new SpoolBatch.Record(o.manifest, o.bytes));
    }
    return SpoolBatch.encode(records);
  }

  private static String manifest(List<Outgoing> envelopes) {
    List<String> manifests = new ArrayList<>();
    for (Outgoing o : envelopes) {
      manifests.add(o.manifest);
    }
    return Manifest.merge(manifests);
  }

  /** The messages of every envelope waiting in the spool (claims and reads them all). */
  private static List<String> messagesIn(DiskSpool spool) throws Exception {
    List<String> out = new ArrayList<>();
    for (DiskSpool.Claim c; (c = spool.claimOldest(m -> true)) != null; ) {
      for (SpoolBatch.Record r : SpoolBatch.decode(c.read())) {
        String json = new String(r.bytes, StandardCharsets.UTF_8);
        int at = json.indexOf("\"formatted\":\"") + 13;
        out.add(json.substring(at, json.indexOf('"', at)));
      }
    }
    return out;
  }
}
