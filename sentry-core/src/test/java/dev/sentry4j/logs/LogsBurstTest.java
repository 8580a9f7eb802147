package dev.sentry4j.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.internal.logs.LogBatcher;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import dev.sentry4j.spi.logging.LogRecord;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A burst of adapter lines with logs on, faster than the receiver can take them: memory stays
 * within the batcher's bounds and the transport's in-flight bound, and every line is either
 * delivered or counted as dropped. ({@link LogsBurst} runs 100,000 lines in a small heap and prints
 * the figures.)
 */
@Timeout(60)
class LogsBurstTest {
  private static final int LINES = 10_000;
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void aBurstStaysWithinTheBoundsAndEveryLineIsDeliveredOrCounted() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setEnableLogs(true).setServerName("burst-1"));
    DefaultSentryClient client = (DefaultSentryClient) Sentry.getClient();
    LogBatcher batcher = client.getLogBatcher();
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("logback").build());
    receiver.stall(); // the worker hangs on the first envelope: the burst meets a full pipeline

    int maxBuffered = 0;
    long maxBufferedBytes = 0;
    long maxInFlight = 0;
    Map<String, String> mdc = Map.of("tenant", "acme");
    for (int i = 0; i < LINES; i++) {
      capture.capture(
          LogRecord.builder(LogLevel.INFO)
              .loggerName("com.example.Burst")
              .thread("main", 1)
              .template("order {} shipped", List.of(i))
              .formattedMessage("order " + i + " shipped")
              .mdc(mdc)
              .build());
      maxBuffered = Math.max(maxBuffered, batcher.bufferedCount());
      maxBufferedBytes = Math.max(maxBufferedBytes, batcher.bufferedBytes());
      maxInFlight = Math.max(maxInFlight, batcher.inFlightBytes());
    }
    long buffered = batcher.bufferedCount();
    long overflow =
        client.getDiscards().total(DiscardReason.BUFFER_OVERFLOW, DataCategory.LOG_ITEM);
    assertThat(maxBuffered).isLessThanOrEqualTo(1000);
    assertThat(maxBufferedBytes).isLessThanOrEqualTo(LogBatcher.DEFAULT_MAX_BYTES_IN_MEMORY);
    assertThat(maxInFlight)
        .isLessThanOrEqualTo(LogBatcher.MAX_IN_FLIGHT_BYTES + LogBatcher.MAX_BATCH_BYTES * 2);
    // a stalled server no longer stalls the pipeline (the worker spills to the disk spool), so a
    // burst may be dropped in part or not at all; what is dropped is counted in items and bytes
    long overflowBytes =
        client.getDiscards().total(DiscardReason.BUFFER_OVERFLOW, DataCategory.LOG_BYTE);
    if (overflow == 0) {
      assertThat(overflowBytes).as("bytes counted without a dropped record").isZero();
    } else {
      assertThat(overflowBytes).isGreaterThanOrEqualTo(overflow * 100);
    }

    receiver.unstall();
    assertThat(Sentry.flush(Duration.ofSeconds(30))).isTrue();
    long dropped = 0;
    for (DiscardReason reason : DiscardReason.values()) {
      dropped += client.getDiscards().total(reason, DataCategory.LOG_ITEM);
    }
    int delivered = receiver.logs().size();
    System.out.printf(
        "burst of %d: delivered %d, dropped %d, buffered at the end %d, peak buffer %d records / %d"
            + " KiB, peak in flight %d KiB%n",
        LINES,
        delivered,
        dropped,
        buffered,
        maxBuffered,
        maxBufferedBytes >> 10,
        maxInFlight >> 10);
    assertThat(delivered + dropped).isEqualTo(LINES);
    assertThat(delivered).isGreaterThanOrEqualTo(1000);
    assertThat(receiver.malformed()).isEmpty();
  }
}
