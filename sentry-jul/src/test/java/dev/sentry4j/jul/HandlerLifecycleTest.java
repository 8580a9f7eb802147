package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.SentryClient;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.SentryReceiver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ErrorManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter lifecycle contract, through the JUL handler: own or adopt, close only what it owns,
 * either reconfiguration order, SDK warnings in the handler's ErrorManager while open.
 */
class HandlerLifecycleTest {
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

  private SentryHandler handler(String release) {
    return new SentryHandler(SentryOptions.builder().setDsn(receiver.dsn()).setRelease(release));
  }

  @Test
  void ownsTheSdkItInitializedAndClosesItOnClose() {
    SentryHandler h = handler("a@1");
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("a@1");

    h.close();
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void adoptsTheClientInitializedInCodeAndLeavesItOpen() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setRelease("code@1"));
    SentryClient app = Sentry.getClient();

    handler("a@1").close();

    assertThat(Sentry.getClient()).isSameAs(app);
    assertThat(app.isEnabled()).isTrue();
  }

  @Test
  void aResetClosingTheOldHandlerFirstHandsTheSdkToTheNewOne() {
    handler("old@1").close(); // LogManager.readConfiguration closes the old handlers first
    SentryHandler fresh = handler("new@2");

    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("new@2");
    fresh.close();
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void aNewHandlerOpenedBeforeTheOldOneClosesKeepsTheSdkOpen() {
    SentryHandler old = handler("old@1");
    SentryHandler fresh = handler("new@2");
    old.close();

    assertThat(Sentry.isInitialized()).isTrue();
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("new@2");
    fresh.close();
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void sdkWarningsGoToTheErrorManagerWhileOpen() {
    List<String> reported = new CopyOnWriteArrayList<>();
    SentryHandler h = handler("a@1");
    h.setErrorManager(
        new ErrorManager() {
          @Override
          public synchronized void error(String msg, Exception ex, int code) {
            reported.add(msg);
          }
        });
    Diagnostics.warn("while open");
    h.close();
    Diagnostics.warn("after close");

    assertThat(reported).contains("sentry4j: while open").doesNotContain("sentry4j: after close");
  }
}
