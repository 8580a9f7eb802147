package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.sentry4j.Sentry;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.MDC;

/**
 * A local receiver per test and the logback.xml under test, pointed at it through {@code
 * ${SENTRY_TEST_DSN}}; after each test the configuration, the SDK and the receiver are closed and
 * the MDC cleared.
 */
abstract class LogbackReceiverTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  SentryReceiver receiver;
  LogbackFixture logback;

  @BeforeEach
  void startReceiver() {
    receiver = SentryReceiver.start();
    Diagnostics.resetRateLimits();
  }

  @AfterEach
  void stopAll() {
    if (logback != null) {
      logback.close();
    }
    Sentry.close();
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    receiver.close();
    MDC.clear();
  }

  /** Loads {@code resource} (a logback.xml on the test class path) against the receiver. */
  LogbackFixture load(String resource) {
    logback = LogbackFixture.configure(resource, Map.of("SENTRY_TEST_DSN", receiver.dsn()));
    return logback;
  }

  /** {@link #load}s {@code resource}, checks its appender "SENTRY" started, returns a logger. */
  Logger configure(String resource) {
    load(resource);
    SentryAppender appender = logback.appender("SENTRY");
    assertThat(appender.isStarted())
        .as("appender started; status: %s", logback.statuses())
        .isTrue();
    return logback.logger("com.shop.Checkout");
  }
}
