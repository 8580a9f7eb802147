package dev.sentry4j.log4j2;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A local Sentry per test, its DSN in the system property {@code sentry.test.dsn} that the test
 * configurations read as {@code ${sys:sentry.test.dsn}}; Log4j context, SDK and ThreadContext are
 * cleaned after each test.
 */
abstract class ReceiverSupport {
  static final Duration WAIT = Duration.ofSeconds(30);

  SentryReceiver receiver;
  TestContext log4j;

  @BeforeEach
  void startReceiver() {
    receiver = SentryReceiver.start();
    System.setProperty("sentry.test.dsn", receiver.dsn());
  }

  @AfterEach
  void cleanUp() {
    if (log4j != null) {
      log4j.close();
    }
    Sentry.close();
    ThreadContext.clearAll();
    System.clearProperty("sentry.test.dsn");
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    receiver.close();
  }

  TestContext start(String resource) {
    log4j = TestContext.start(resource);
    return log4j;
  }

  /** Waits for {@code n} events, checks each against Relay's schema and returns them. */
  List<ReceivedEvent> events(int n) {
    List<ReceivedEvent> events = receiver.awaitEvents(n, WAIT);
    events.forEach(RelaySchema::assertValid);
    return events;
  }

  /** The one event whose title is {@code message}, checked against Relay's schema. */
  ReceivedEvent event(String message) {
    receiver.awaitCondition(
        "an event '" + message + "'",
        WAIT,
        () -> receiver.events().stream().anyMatch(e -> message.equals(e.message())));
    ReceivedEvent event =
        receiver.events().stream()
            .filter(e -> message.equals(e.message()))
            .findFirst()
            .orElseThrow();
    RelaySchema.assertValid(event);
    return event;
  }
}
