package dev.sentry4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentry4j.event.Event;
import dev.sentry4j.spi.ThrowableStandIn;
import dev.sentry4j.testing.RelaySchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exceptions rebuilt from deserialized log events, and events whose thread id is unknown. */
class StandInAndUnknownThreadTest {
  private final EventWriter writer =
      new EventWriter(List.of(), List.of(), List::of, () -> "host-1");

  private JsonNode write(Event event) throws Exception {
    JsonNode json = new ObjectMapper().readTree(writer.write(event));
    RelaySchema.assertValidEvent(json);
    return json;
  }

  @Test
  void aStandInIsWrittenUnderItsOriginalClassNameWithItsFramesCauseAndSuppressed()
      throws Exception {
    ThrowableStandIn top =
        new ThrowableStandIn(
            "com.shop.PaymentException",
            "card declined",
            new StackTraceElement[] {
              new StackTraceElement("com.shop.Checkout", "pay", "Checkout.java", 42)
            });
    top.initCause(new ThrowableStandIn("java.io.IOException", "reset", null));
    top.addSuppressed(new ThrowableStandIn("java.lang.IllegalStateException", null, null));
    Event event = new Event();
    event.setThrowable(top);

    JsonNode values = write(event).at("/exception/values");

    assertThat(values).hasSize(3);
    JsonNode last = values.get(2);
    assertThat(last.get("type").asText()).isEqualTo("PaymentException");
    assertThat(last.get("module").asText()).isEqualTo("com.shop");
    assertThat(last.get("value").asText()).isEqualTo("card declined");
    assertThat(last.at("/stacktrace/frames/0/function").asText()).isEqualTo("pay");
    assertThat(last.at("/stacktrace/frames/0/lineno").asInt()).isEqualTo(42);
    assertThat(values.get(1).get("type").asText()).isEqualTo("IOException");
    assertThat(values.get(0).get("type").asText()).isEqualTo("IllegalStateException");
    assertThat(values.get(0).at("/mechanism/source").asText()).isEqualTo("suppressed[0]");
    assertThat(top.toString()).isEqualTo("com.shop.PaymentException: card declined");
  }

  @Test
  void anUnknownThreadIdIsLeftOutRatherThanWrittenAsMinusOne() throws Exception {
    Event event = new Event();
    event.setThread(-1, "http-nio-8080-exec-3");
    event.setThrowable(new IllegalStateException("boom"));

    JsonNode json = write(event);

    assertThat(json.at("/threads/values/0/name").asText()).isEqualTo("http-nio-8080-exec-3");
    assertThat(json.at("/threads/values/0/id").isMissingNode()).isTrue();
    assertThat(json.at("/exception/values/0/thread_id").isMissingNode()).isTrue();
  }
}
