package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.SentryClient;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.SentryReceiver;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter lifecycle contract, through Log4j 2's appender: own or adopt, close only what it
 * owns, either reconfiguration order (Log4j 2 starts the new configuration's appender first).
 */
class AppenderLifecycleTest {
  private SentryReceiver receiver;

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

  private SentryAppender appender(String release) {
    SentryAppender a =
        SentryAppender.newBuilder()
            .setName("sentry")
            .setDsn(receiver.dsn())
            .setRelease(release)
            .build();
    assertThat(a).isNotNull();
    return a;
  }

  private static void stop(SentryAppender a) {
    a.stop(5, TimeUnit.SECONDS);
  }

  @Test
  void ownsTheSdkItInitializedAndClosesItOnStop() {
    SentryAppender a = appender("a@1");
    a.start();
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("a@1");

    stop(a);
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void adoptsTheClientInitializedInCodeAndLeavesItOpen() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setRelease("code@1"));
    SentryClient app = Sentry.getClient();
    SentryAppender a = appender("a@1");

    a.start();
    stop(a);

    assertThat(Sentry.getClient()).isSameAs(app);
    assertThat(app.isEnabled()).isTrue();
  }

  @Test
  void aReconfigurationStartingTheNewAppenderFirstKeepsTheSdkOpen() {
    SentryAppender old = appender("old@1");
    old.start();
    SentryAppender fresh = appender("new@2");
    fresh.start();
    stop(old);

    assertThat(Sentry.isInitialized()).isTrue();
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("new@2");
    stop(fresh);
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void stoppingTheOldAppenderFirstHandsTheSdkToTheNewOne() {
    SentryAppender old = appender("old@1");
    old.start();
    stop(old);
    SentryAppender fresh = appender("new@2");
    fresh.start();

    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("new@2");
    stop(fresh);
    assertThat(Sentry.isInitialized()).isFalse();
  }
}
