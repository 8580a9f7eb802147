package dev.sentry4j.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExceptionStandInTest {
  private final SentryReceiver receiver = SentryReceiver.start();

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void isReportedUnderTheOriginalClassNameWithItsStackAndCause() {
    Sentry.init(receiver.dsn());
    ExceptionStandIn cause =
        new ExceptionStandIn(
            "java.io.IOException",
            "connection reset",
            new StackTraceElement[] {new StackTraceElement("com.acme.Net", "read", "Net.java", 42)});
    ExceptionStandIn top =
        new ExceptionStandIn(
            "com.acme.OrderException",
            "order A-17 failed",
            new StackTraceElement[] {new StackTraceElement("com.acme.Orders", "place", "Orders.java", 7)});
    top.initCause(cause);
    top.addSuppressed(new ExceptionStandIn("java.lang.IllegalStateException", null, null));

    Sentry.captureException(top);

    ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.exceptions())
        .extracting(e -> e.path("module").asText() + "." + e.path("type").asText())
        .containsExactlyInAnyOrder(
            "java.io.IOException", "java.lang.IllegalStateException", "com.acme.OrderException");
    assertThat(event.exceptions().get(event.exceptions().size() - 1).path("value").asText())
        .isEqualTo("order A-17 failed");
    assertThat(event.exceptions().get(event.exceptions().size() - 1).at("/stacktrace/frames/0/function").asText())
        .isEqualTo("place");
    assertThat(top).hasToString("com.acme.OrderException: order A-17 failed");
  }
}
