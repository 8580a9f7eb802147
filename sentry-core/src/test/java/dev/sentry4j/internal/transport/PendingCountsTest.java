package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.ClientReport;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The copy of the drop counts kept on disk never hides them from a report being made. */
@Timeout(60)
class PendingCountsTest {
  @TempDir Path dir;

  @Test
  void aReportTakenWhileTheCountsAreSavedStillCarriesThem() throws Exception {
    DiscardCounter discards = new DiscardCounter();
    PendingCounts pending =
        new PendingCounts(new DiskSpool(dir.resolve("spool"), 100, 1 << 20, m -> {}), discards);
    AtomicBoolean stop = new AtomicBoolean();
    Thread saver =
        new Thread(
            () -> {
              while (!stop.get()) {
                pending.save(); // what the intake worker does while the sender takes a report
              }
            });
    saver.start();
    int missed = 0;
    try {
      for (int i = 0; i < 5_000; i++) {
        discards.record(DiscardReason.BEFORE_SEND, DataCategory.ERROR, 1);
        ClientReport report = ClientReport.take(discards, Instant.now());
        if (report == null) {
          missed++;
        }
      }
    } finally {
      stop.set(true);
      saver.join(10_000);
      pending.discard();
    }
    assertThat(missed).as("reports that found the counts gone").isZero();
  }

  @Test
  void savingLeavesTheCountsWhereTheyWere() {
    DiscardCounter discards = new DiscardCounter();
    PendingCounts pending =
        new PendingCounts(new DiskSpool(dir.resolve("spool"), 100, 1 << 20, m -> {}), discards);
    discards.record(DiscardReason.QUEUE_OVERFLOW, DataCategory.LOG_ITEM, 3);

    pending.save();

    assertThat(discards.drain())
        .containsEntry(DiscardReason.QUEUE_OVERFLOW, java.util.Map.of(DataCategory.LOG_ITEM, 3L));
    pending.discard();
  }
}
