package dev.sentry4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegisteredEventProcessorsTest {
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    ThreadFlagEventProcessor.ON.remove();
    System.clearProperty(ThreadFlagEventProcessor.BAD_CONFIG_PROPERTY);
    Sentry.close();
    receiver.close();
  }

  @Test
  void aProcessorRegisteredWithTheServiceLoaderRunsBeforeTheOptionsOnes() {
    Sentry.init(
        o -> {
          o.setDsn(receiver.dsn());
          o.addEventProcessor(
              (event, hint) -> {
                event.setTag("seen by options", String.valueOf(event.getTags().get("registered")));
                return event;
              });
        });
    ThreadFlagEventProcessor.ON.set(true);
    Sentry.captureMessage("tagged");
    ThreadFlagEventProcessor.ON.remove();
    Sentry.captureMessage("untagged");

    List<ReceivedEvent> events = receiver.awaitEvents(2, Duration.ofSeconds(10));
    ReceivedEvent tagged =
        events.stream().filter(e -> "tagged".equals(e.message())).findFirst().orElseThrow();
    ReceivedEvent untagged =
        events.stream().filter(e -> "untagged".equals(e.message())).findFirst().orElseThrow();
    assertThat(tagged.tags())
        .containsEntry("registered", "ran")
        .containsEntry("seen by options", "ran");
    assertThat(untagged.tags())
        .doesNotContainKey("registered")
        .containsEntry("seen by options", "null");
    events.forEach(RelaySchema::assertValid);
  }

  @Test
  void aRegisteredProcessorReportingABadValueFailsInitWithItsMessage() {
    System.setProperty(ThreadFlagEventProcessor.BAD_CONFIG_PROPERTY, "nonsense");
    assertThatThrownBy(() -> Sentry.init(receiver.dsn()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("test.option: 'nonsense' is not valid");
  }
}
