package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.sentry4j.Sentry;
import dev.sentry4j.client.SentryClient;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.SentryReceiver;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter lifecycle contract, through Logback's appender: own or adopt, close only what it
 * owns, either reconfiguration order, SDK warnings in Logback's status while started.
 */
class AppenderLifecycleTest {
  private SentryReceiver receiver;
  private final LoggerContext context = new LoggerContext();

  @BeforeEach
  void start() {
    Sentry.close();
    Diagnostics.resetRateLimits();
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    receiver.close();
  }

  private SentryAppender appender(String name, String release) {
    SentryAppender a = new SentryAppender();
    a.setContext(context);
    a.setName(name);
    a.setDsn(receiver.dsn());
    a.setRelease(release);
    return a;
  }

  @Test
  void ownsTheSdkItInitializedAndClosesItOnStop() {
    SentryAppender a = appender("A", "a@1");
    a.start();
    assertThat(a.isStarted()).isTrue();
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("a@1");

    a.stop();
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void adoptsTheClientInitializedInCodeAndLeavesItOpen() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setRelease("code@1"));
    SentryClient app = Sentry.getClient();
    SentryAppender a = appender("A", "a@1");

    a.start();
    a.stop();

    assertThat(Sentry.getClient()).isSameAs(app);
    assertThat(app.isEnabled()).isTrue();
  }

  @Test
  void aReloadStoppingTheOldAppenderFirstHandsTheSdkToTheNewOne() {
    SentryAppender old = appender("A", "old@1");
    old.start();
    old.stop();
    SentryAppender fresh = appender("A", "new@2");
    fresh.start();

    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("new@2");
    fresh.stop();
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void aNewAppenderStartedBeforeTheOldOneStopsKeepsTheSdkOpen() {
    SentryAppender old = appender("A", "old@1");
    old.start();
    SentryAppender fresh = appender("A", "new@2");
    fresh.start();
    old.stop();

    assertThat(Sentry.isInitialized()).isTrue();
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("new@2");
    fresh.stop();
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void sdkWarningsGoToLogbacksStatusWhileStarted() {
    SentryAppender a = appender("A", "a@1");
    a.start();
    Diagnostics.warn("while started");
    a.stop();
    Diagnostics.warn("after stop");

    assertThat(
            context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.WARN)
                .map(Status::getMessage)
                .collect(Collectors.toList()))
        .contains("sentry4j: while started")
        .doesNotContain("sentry4j: after stop");
  }
}
