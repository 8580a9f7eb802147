package dev.sentry4j.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.Sentry;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.ChildJvm;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outage is visible without {@code debug}: one warning when it starts (naming the cause and what
 * waits on disk), however many envelopes fail meanwhile, and one notice when Sentry answers again.
 */
@Timeout(90)
class OutageNoticeTest {
  @TempDir Path cacheDir;
  private final List<String> notices = new CopyOnWriteArrayList<>();
  private AutoCloseable listener;
  private SentryReceiver receiver;

  @BeforeEach
  void listen() {
    Diagnostics.resetRateLimits();
    listener = Diagnostics.addListener((severity, line) -> notices.add(severity + " " + line));
  }

  @AfterEach
  void tearDown() throws Exception {
    Sentry.close();
    listener.close();
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void oneWarningPerOutageNamingTheCauseAndOneNoticeOnRecovery() {
    int port = ChildJvm.freePort();
    String dsn = "http://" + SentryReceiver.PUBLIC_KEY + "@127.0.0.1:" + port + "/1";
    Sentry.init(o -> o.setDsn(dsn).setCacheDirPath(cacheDir.toString()));
    for (int i = 0; i < 20; i++) {
      Sentry.captureException(new IllegalStateException("order " + i));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> outageWarnings().size() == 1);
    assertThat(outageWarnings().get(0))
        .contains("Sentry cannot be reached (connection refused")
        .contains("wait on disk");
    // a second attempt fails too (the back-off starts at 1 s): still one warning
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Sentry.getClient().getStats().getSpooled() == 20);
    for (int i = 0; i < 5; i++) {
      Sentry.captureException(new IllegalStateException("while down " + i));
    }

    receiver = SentryReceiver.start(port);
    receiver.awaitCondition(
        "all 25 events after the outage",
        Duration.ofSeconds(45),
        () -> receiver.events().stream().map(e -> e.eventId()).distinct().count() == 25);
    await().atMost(Duration.ofSeconds(10)).until(() -> recoveries().size() == 1);
    assertThat(outageWarnings()).hasSize(1);
    assertThat(recoveries().get(0)).startsWith("INFO Sentry accepts envelopes again");
    assertThat(notices).noneMatch(line -> line.contains("Connection pool shut down"));
  }

  @Test
  void aRefusalNamesTheStatusAndRelaysReasonOnce() {
    receiver = SentryReceiver.start();
    Sentry.init(
        o ->
            o.setDsn("http://wrongkey@127.0.0.1:" + receiver.port() + "/1")
                .setCacheDirPath(cacheDir.toString()));
    for (int i = 0; i < 10; i++) {
      Sentry.captureException(new IllegalStateException("order " + i));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requestCount() >= 10);
    await().atMost(Duration.ofSeconds(10)).until(() -> !outageWarnings().isEmpty());
    assertThat(outageWarnings()).hasSize(1);
    assertThat(outageWarnings().get(0))
        .contains("HTTP 401")
        .contains("testkey") // the receiver's reason: which key it expected
        .doesNotContain("wrongkey@");
  }

  private List<String> outageWarnings() {
    return notices.stream()
        .filter(
            l ->
                l.startsWith("WARN Sentry cannot be reached")
                    || l.startsWith("WARN Sentry refuses"))
        .collect(java.util.stream.Collectors.toList());
  }

  private List<String> recoveries() {
    return notices.stream()
        .filter(l -> l.startsWith("INFO Sentry accepts"))
        .collect(java.util.stream.Collectors.toList());
  }
}
