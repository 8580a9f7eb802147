package dev.sentry4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.client.NoOpSentryClient;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientStatsTest {
  private final SentryReceiver receiver = SentryReceiver.start();

  @AfterEach
  void close() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void theNoOpClientReportsZeros() {
    ClientStats stats = NoOpSentryClient.INSTANCE.getStats();

    assertThat(stats.getQueued()).isZero();
    assertThat(stats.getSpooled()).isZero();
    assertThat(stats.getSent()).isZero();
    assertThat(stats.getDropped()).isEmpty();
    assertThat(Sentry.getClient().getStats()).isSameAs(ClientStats.EMPTY);
  }

  @Test
  void theClientCountsSentEnvelopesAndDropsByReason() {
    Sentry.init(
        o ->
            o.setDsn(receiver.dsn())
                .setMaxCacheItems(0)
                .setBeforeSend(
                    (event, hint) -> event.getMessage().getText().equals("drop") ? null : event));

    Sentry.captureMessage("keep");
    Sentry.captureMessage("drop");
    receiver.awaitEvents(1, Duration.ofSeconds(10));
    assertThat(Sentry.flush(Duration.ofSeconds(10))).isTrue();

    ClientStats stats = Sentry.getClient().getStats();
    assertThat(stats.getSent()).as("client reports are not counted").isEqualTo(1);
    assertThat(receiver.discarded("before_send", "error")).isEqualTo(1);
    assertThat(stats.getQueued()).isZero();
    assertThat(stats.getSpooled()).isZero();
    assertThat(stats.getDropped()).containsExactly(Map.entry("before_send:error", 1L));
    assertThat(stats.getDropped(DiscardReason.BEFORE_SEND, DataCategory.ERROR)).isEqualTo(1);
    assertThat(stats.toString()).contains("sent=1");
  }
}
