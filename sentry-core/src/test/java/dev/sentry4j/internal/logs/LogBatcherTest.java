package dev.sentry4j.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.transport.AsyncTransport;
import dev.sentry4j.internal.transport.HttpSenders;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.testing.ReceivedEnvelope;
import dev.sentry4j.testing.ReceivedItem;
import dev.sentry4j.testing.ReceivedLog;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LogBatcherTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String SPAN = "b0e6f15b45c36b12";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private SentryReceiver receiver;
  private DiscardCounter discards;
  private AsyncTransport transport;
  private ManualLogScheduler scheduler;
  private LogBatcher batcher;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    discards = new DiscardCounter();
    scheduler = new ManualLogScheduler();
  }

  @AfterEach
  void stop() {
    if (batcher != null) {
      batcher.close(Duration.ofSeconds(1));
    }
    if (transport != null) {
      transport.close(Duration.ofSeconds(1));
    }
    receiver.close();
  }

  private SentryOptions batcherOptions;

  /** Takes envelopes without serializing them until released: a transport that cannot keep up. */
  private static final class HoldingTransport implements dev.sentry4j.internal.transport.Transport {
    private final dev.sentry4j.internal.transport.Transport delegate;
    private final List<dev.sentry4j.internal.envelope.Envelope> held = new java.util.ArrayList<>();
    private boolean holding = true;

    HoldingTransport(dev.sentry4j.internal.transport.Transport delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized boolean send(dev.sentry4j.internal.envelope.Envelope envelope) {
      if (holding) {
        return held.add(envelope);
      }
      return delegate.send(envelope);
    }

    synchronized void release() {
      holding = false;
      held.forEach(delegate::send);
      held.clear();
    }

    @Override
    public boolean flush(Duration timeout) {
      return delegate.flush(timeout);
    }

    @Override
    public void close(Duration timeout) {
      delegate.close(timeout);
    }
  }

  private void startBatcher(UnaryOperator<SentryOptions.Builder> options) {
    startBatcher(options, LogBatcher.DEFAULT_MAX_BYTES_IN_MEMORY);
  }

  private void startBatcher(UnaryOperator<SentryOptions.Builder> options, long maxBytes) {
    SentryOptions o =
        options
            .apply(
                SentryOptions.builder()
                    .setDsn(receiver.dsn())
                    .setEnableLogs(true)
                    .setServerName("web-1"))
            .build();
    batcherOptions = o;
    transport = new AsyncTransport(HttpSenders.forDsn(o), 1000, discards);
    batcher = new LogBatcher(o, transport, discards, scheduler, maxBytes);
  }

  private static LogItem line(int i) {
    return LogItem.builder(LogLevel.INFO, "line " + i).trace(TRACE, SPAN).attribute("i", i).build();
  }

  private void delivered() {
    assertThat(transport.flush(WAIT)).isTrue();
  }

  private List<Integer> itemCounts() {
    List<Integer> counts = new ArrayList<>();
    for (ReceivedEnvelope e : receiver.envelopes()) {
      for (ReceivedItem item : e.items("log")) {
        counts.add(item.header().get("item_count").asInt());
      }
    }
    return counts;
  }

  @Test
  void sendsAFullBatchOfOneHundredAtOnceAndTheRestWhenTheIntervalEnds() {
    startBatcher(o -> o);
    for (int i = 0; i < 250; i++) {
      batcher.add(line(i));
    }
    delivered();
    assertThat(receiver.requestCount()).as("nothing is sent before the scheduler runs").isZero();

    scheduler.runDue(); // the size trigger
    delivered();
    assertThat(itemCounts()).containsExactly(100, 100);
    assertThat(batcher.bufferedCount()).isEqualTo(50);

    scheduler.advance(Duration.ofSeconds(5)); // the time trigger
    delivered();
    assertThat(itemCounts()).containsExactly(100, 100, 50);
    List<ReceivedLog> logs = receiver.logs();
    // several envelopes are in flight at once: batches may arrive in any order, each line once
    assertThat(logs)
        .extracting(l -> l.attribute("i").asInt())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, 250).boxed().collect(Collectors.toList()));
    assertThat(logs).extracting(ReceivedLog::body).contains("line 0", "line 249");
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void honoursAConfiguredBatchSize() {
    startBatcher(o -> o.setLogsBatchSize(10));
    for (int i = 0; i < 25; i++) {
      batcher.add(line(i));
    }
    scheduler.runDue();
    delivered();
    assertThat(itemCounts()).containsExactly(10, 10);
  }

  @Test
  void sendsAfterTheFlushIntervalAndNotBefore() {
    startBatcher(o -> o.setLogsFlushInterval(Duration.ofSeconds(5)));
    batcher.add(line(1));
    batcher.add(line(2));
    batcher.add(line(3));

    scheduler.advance(Duration.ofMillis(4999));
    delivered();
    assertThat(receiver.requestCount()).isZero();
    assertThat(batcher.bufferedCount()).isEqualTo(3);

    scheduler.advance(Duration.ofMillis(1));
    delivered();
    assertThat(itemCounts()).containsExactly(3);
    assertThat(batcher.bufferedCount()).isZero();

    // the next record arms the timer again, counted from its own arrival
    scheduler.advance(Duration.ofSeconds(60));
    batcher.add(line(4));
    scheduler.advance(Duration.ofMillis(4999));
    delivered();
    assertThat(itemCounts()).containsExactly(3);
    scheduler.advance(Duration.ofMillis(1));
    delivered();
    assertThat(itemCounts()).containsExactly(3, 1);
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void keepsAtMostMaxLogsInMemoryAndCountsTheRestAsBufferOverflow() {
    startBatcher(o -> o.setMaxLogsInMemory(1000));
    long droppedBytes = 0;
    int accepted = 0;
    for (int i = 0; i < 1500; i++) {
      LogItem item = line(i);
      if (batcher.add(item)) {
        accepted++;
      } else {
        droppedBytes += LogBatcher.estimateBytes(item);
      }
      assertThat(batcher.bufferedCount()).isLessThanOrEqualTo(1000);
    }
    assertThat(accepted).isEqualTo(1000);
    assertThat(discards.total(DiscardReason.BUFFER_OVERFLOW, DataCategory.LOG_ITEM)).isEqualTo(500);
    assertThat(discards.total(DiscardReason.BUFFER_OVERFLOW, DataCategory.LOG_BYTE))
        .isEqualTo(droppedBytes)
        .isGreaterThan(500L * 160);

    assertThat(batcher.flush(WAIT)).isTrue();
    delivered();
    assertThat(receiver.logs()).hasSize(1000);
    assertThat(itemCounts()).hasSize(10).allMatch(n -> n == 100);
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void boundsTheBufferedBytesAndKeepsEachEnvelopeUnderOneMebibyte() {
    startBatcher(o -> o);
    String big = "x".repeat(60_000);
    int total = 200;
    int accepted = 0;
    for (int i = 0; i < total; i++) {
      if (batcher.add(LogItem.builder(LogLevel.INFO, big + i).trace(TRACE, SPAN).build())) {
        accepted++;
      }
      assertThat(batcher.bufferedBytes())
          .isLessThanOrEqualTo(LogBatcher.DEFAULT_MAX_BYTES_IN_MEMORY);
    }
    assertThat(accepted).isBetween(60, 70); // 4 MiB of ~60 KB records
    assertThat(discards.total(DiscardReason.BUFFER_OVERFLOW, DataCategory.LOG_ITEM))
        .isEqualTo(total - accepted);
    assertThat(discards.total(DiscardReason.BUFFER_OVERFLOW, DataCategory.LOG_BYTE))
        .isGreaterThan((total - accepted) * 60_000L);

    scheduler.runDue(); // the byte trigger fired long before 100 records
    assertThat(batcher.flush(WAIT)).isTrue();
    delivered();
    assertThat(receiver.logs()).hasSize(accepted);
    for (ReceivedEnvelope e : receiver.envelopes()) {
      for (ReceivedItem item : e.items("log")) {
        assertThat(item.payload().length).isLessThan(1024 * 1024);
      }
    }
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void holdsRecordsBackWhileTheTransportHasTooManyLogBytesAndResumesWhenItTakesThem() {
    startBatcher(o -> o);
    // a transport whose worker cannot keep up: it takes envelopes but does not serialize them yet
    HoldingTransport holding = new HoldingTransport(transport);
    batcher =
        new LogBatcher(
            batcherOptions, holding, discards, scheduler, LogBatcher.DEFAULT_MAX_BYTES_IN_MEMORY);
    String padding = "p".repeat(900);
    int total = 6000;
    long maxInFlight = 0;
    for (int i = 0; i < total; i++) {
      batcher.add(
          LogItem.builder(LogLevel.INFO, "line " + i + padding)
              .trace(TRACE, SPAN)
              .attribute("i", i)
              .build());
      if (i % 100 == 99) {
        scheduler.runDue();
      }
      maxInFlight = Math.max(maxInFlight, batcher.inFlightBytes());
      assertThat(batcher.bufferedCount()).isLessThanOrEqualTo(1000);
    }
    assertThat(maxInFlight)
        .isBetween(
            LogBatcher.MAX_IN_FLIGHT_BYTES,
            LogBatcher.MAX_IN_FLIGHT_BYTES + 2 * LogBatcher.MAX_BATCH_BYTES);
    assertThat(batcher.bufferedCount()).as("held back, not handed over").isEqualTo(1000);
    long dropped = discards.total(DiscardReason.BUFFER_OVERFLOW, DataCategory.LOG_ITEM);
    assertThat(dropped).isPositive();

    holding
        .release(); // the worker takes envelopes; each take releases bytes and schedules a resume
    receiver.awaitCondition(
        "everything held back is sent",
        WAIT,
        () -> {
          scheduler.advance(Duration.ofSeconds(5));
          return batcher.bufferedCount() == 0 && batcher.inFlightBytes() == 0;
        });
    delivered();
    assertThat(receiver.logs().size() + dropped).isEqualTo(total);
    assertThat(discards.total(DiscardReason.QUEUE_OVERFLOW, DataCategory.LOG_ITEM)).isZero();
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void closeSendsWhatIsBufferedThenRefusesAndCountsLateRecords() {
    startBatcher(o -> o);
    for (int i = 0; i < 7; i++) {
      batcher.add(line(i));
    }
    batcher.close(WAIT);
    delivered();
    assertThat(receiver.logs()).hasSize(7);
    assertThat(scheduler.pending()).isZero();

    assertThat(batcher.add(line(99))).isFalse();
    assertThat(discards.total(DiscardReason.QUEUE_OVERFLOW, DataCategory.LOG_ITEM)).isEqualTo(1);
  }

  @Test
  void beforeSendLogSeesDefaultAttributesAndMayEditOrDrop() {
    List<LogItem> seen = new ArrayList<>();
    startBatcher(
        o ->
            o.setBeforeSendLog(
                log -> {
                  seen.add(log);
                  if (log.getBody().contains("secret")) {
                    return null;
                  }
                  return log.toBuilder()
                      .removeAttribute("server.address")
                      .attribute("edited", true)
                      .build();
                }));
    batcher.add(line(1));
    batcher.add(LogItem.builder(LogLevel.INFO, "the secret is 42").trace(TRACE, SPAN).build());
    assertThat(batcher.flush(WAIT)).isTrue();
    delivered();

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).getAttributes())
        .containsEntry("server.address", "web-1")
        .containsEntry("sentry.environment", "production")
        .containsKeys("sentry.sdk.name", "sentry.sdk.version");
    List<ReceivedLog> logs = receiver.logs();
    assertThat(logs).extracting(ReceivedLog::body).containsExactly("line 1");
    assertThat(logs.get(0).attributes()).doesNotContainKey("server.address").containsKey("edited");
    assertThat(logs.get(0).attributeType("edited")).isEqualTo("boolean");
    assertThat(discards.total(DiscardReason.BEFORE_SEND, DataCategory.LOG_ITEM)).isEqualTo(1);
    assertThat(discards.total(DiscardReason.BEFORE_SEND, DataCategory.LOG_BYTE)).isPositive();
  }

  @Test
  void aThrowingBeforeSendLogLeavesTheRecordUnchanged() {
    startBatcher(
        o ->
            o.setBeforeSendLog(
                log -> {
                  throw new IllegalStateException("boom");
                }));
    batcher.add(line(1));
    assertThat(batcher.flush(WAIT)).isTrue();
    delivered();
    assertThat(receiver.logs()).extracting(ReceivedLog::body).containsExactly("line 1");
  }

  @Test
  void recordsAddedFromManyThreadsAreAllSentOnceInBatchesOfAtMostOneHundred() throws Exception {
    startBatcher(o -> o.setMaxLogsInMemory(10_000));
    int threads = 4;
    int perThread = 500;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      Thread w =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  batcher.add(line(base + i));
                }
              });
      w.start();
      workers.add(w);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(w.isAlive()).isFalse();
    }
    scheduler.runDue();
    assertThat(batcher.flush(WAIT)).isTrue();
    delivered();
    assertThat(
            receiver.logs().stream().map(l -> l.attribute("i").asInt()).collect(Collectors.toSet()))
        .hasSize(threads * perThread);
    assertThat(receiver.logs()).hasSize(threads * perThread);
    assertThat(itemCounts()).allMatch(n -> n <= 100);
  }
}
