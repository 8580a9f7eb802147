package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.Sentry;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While envelopes keep coming, the intake worker and the sender thread take short sleeps and look
 * again instead of waiting to be woken (so that a capturing thread makes no wake-up call). An SDK
 * with nothing to do must not poll: before the first capture and once a burst is delivered, both
 * threads wait to be woken.
 */
@Timeout(120)
class IdleWaitTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path cacheDir;
  private SentryReceiver receiver;
  private Pipeline pipeline;

  @AfterEach
  void closeAll() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void theSdkThreadsStopLookingOnceThereIsNothingToDo() {
    receiver = SentryReceiver.start();
    pipeline = Pipeline.start(receiver.dsn(), cacheDir, null);

    await("no short sleeps before anything was captured")
        .during(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> pipeline.transport.dozes() == 0);

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      SentryId id = Sentry.captureMessage("burst " + i, Level.ERROR);
      assertThat(id).isNotEqualTo(SentryId.EMPTY);
      ids.add(id.toString());
    }
    receiver.awaitEvents(200, WAIT);
    assertThat(DeliveryFaultTest.acceptedEventIds(receiver))
        .containsExactlyInAnyOrderElementsOf(ids);

    long[] settled = {-1};
    await("the short sleeps stop after the burst")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              long now = pipeline.transport.dozes();
              boolean same = now == settled[0];
              settled[0] = now;
              return same;
            });
    await("and stay stopped")
        .during(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> pipeline.transport.dozes() == settled[0]);
  }
}
