package dev.sentry4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ReceivedEventTest {

  private static ReceivedEvent event(String json) {
    try {
      return new ReceivedEvent(Json.MAPPER.readTree(json), null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ReceivedEvent goodEvent() {
    try (InputStream in = ReceivedEventTest.class.getResourceAsStream("good-event.json")) {
      return new ReceivedEvent(Json.MAPPER.readTree(in), null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsTheCommonFields() {
    ReceivedEvent event = goodEvent();

    assertThat(event.eventId()).isEqualTo("9ec79c33ec9942ab8353589fcb2e04dc");
    assertThat(event.level()).isEqualTo("error");
    assertThat(event.logger()).isEqualTo("com.example.OrderService");
    assertThat(event.message()).isEqualTo("Order A-17 failed");
    assertThat(event.tags()).containsExactly(java.util.Map.entry("tenant", "acme"));
    assertThat(event.extra().path("thread_name").asText()).isEqualTo("main");
    assertThat(event.contexts().path("runtime").path("version").asText()).isEqualTo("17.0.9");
    assertThat(event.traceId()).isEqualTo("771a43a4192642f0b136d5159a501700");
    assertThat(event.spanId()).isEqualTo("b0e6f15b45c36b12");
    assertThat(event.breadcrumbs())
        .extracting(b -> b.path("message").asText())
        .containsExactly("cart loaded");
    assertThat(event.exceptions())
        .extracting(e -> e.path("type").asText())
        .containsExactly("SQLException", "IllegalStateException");
    assertThat(event.user().path("email").asText()).isEqualTo("jane@example.com");
    assertThat(event.transaction()).isNull();
    assertThat(event.spans()).isEmpty();
    assertThat(event).hasToString("event[error com.example.OrderService 'Order A-17 failed']");
  }

  @Test
  void messageFallsBackToTheTemplateThenToTheCapturedException() {
    assertThat(event("{\"logentry\":{\"message\":\"Order {} failed\"}}").message())
        .isEqualTo("Order {} failed");
    assertThat(
            event(
                    "{\"exception\":{\"values\":[{\"type\":\"SQLException\",\"value\":\"reset\"},"
                        + "{\"type\":\"IllegalStateException\",\"value\":\"order failed\"}]}}")
                .message())
        .isEqualTo("IllegalStateException: order failed");
    assertThat(
            event("{\"exception\":{\"values\":[{\"type\":\"NullPointerException\"}]}}").message())
        .isEqualTo("NullPointerException");
    assertThat(event("{}").message()).isNull();
  }

  @Test
  void readsTagsInPairListForm() {
    assertThat(event("{\"tags\":[[\"a\",\"1\"],[\"b\",\"2\"]]}").tags())
        .containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"));
  }

  @Test
  void missingFieldsAreNullOrEmpty() {
    ReceivedEvent event = event("{}");

    assertThat(event.eventId()).isNull();
    assertThat(event.traceId()).isNull();
    assertThat(event.tags()).isEmpty();
    assertThat(event.breadcrumbs()).isEmpty();
    assertThat(event.exceptions()).isEmpty();
    assertThat(event.user()).isNull();
    assertThat(event.contexts()).isNull();
  }

  @Test
  void jsonIsACopy() {
    ReceivedEvent event = goodEvent();
    JsonNode copy = event.json();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).put("level", "fatal");

    assertThat(event.level()).isEqualTo("error");
  }
}
