package dev.sentry4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RelaySchemaTest {

  private static ObjectNode load(String resource) {
    try (InputStream in = RelaySchemaTest.class.getResourceAsStream(resource)) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode goodEvent() {
    return load("good-event.json");
  }

  private static ObjectNode firstFrame(ObjectNode event) {
    return (ObjectNode) event.at("/exception/values/0/stacktrace/frames/0");
  }

  @Test
  void acceptsAFullErrorEvent() {
    assertThat(RelaySchema.validateEvent(goodEvent())).isEmpty();
    assertThatCode(() -> RelaySchema.assertValidEvent(goodEvent())).doesNotThrowAnyException();
  }

  @Test
  void acceptsAMinimalErrorEvent() {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event
        .put("event_id", "9ec79c33ec9942ab8353589fcb2e04dc")
        .put("timestamp", 1748779200.5)
        .put("platform", "java");

    assertThat(RelaySchema.validateEvent(event)).isEmpty();
  }

  @Test
  void reportsATopLevelMessage() {
    ObjectNode event = goodEvent();
    event.put("message", "Order A-17 failed");

    assertThat(RelaySchema.validateEvent(event))
        .containsExactly(
            "$: property 'message' is not defined in the schema and the schema does not allow additional properties");
  }

  @Test
  void reportsANativeFrame() {
    ObjectNode event = goodEvent();
    firstFrame(event).put("native", false);

    assertThat(RelaySchema.validateEvent(event))
        .containsExactly(
            "$.exception.values[0].stacktrace.frames[0]: property 'native' is not defined in the schema"
                + " and the schema does not allow additional properties");
  }

  @Test
  void reportsWrongTypesAndUnknownLevels() {
    ObjectNode event = goodEvent();
    event.put("level", "warn");
    ((ObjectNode) event.get("tags")).put("count", 3);

    assertThat(RelaySchema.validateEvent(event))
        .containsExactlyInAnyOrder(
            "$.level: does not have a value in the enumeration [\"debug\", \"info\", \"warning\", \"error\", \"fatal\"]",
            "$.tags.count: integer found, [string, null] expected");
  }

  @Test
  void wantsIdsWithoutDashes() {
    ObjectNode dashed = goodEvent();
    dashed.put("event_id", "9ec79c33-ec99-42ab-8353-589fcb2e04dc");
    ObjectNode upper = goodEvent();
    upper.put("event_id", "9EC79C33EC9942AB8353589FCB2E04DC");

    assertThat(RelaySchema.validateEvent(dashed))
        .containsExactly("$.event_id: does not match the uuid pattern");
    assertThat(RelaySchema.validateEvent(upper))
        .containsExactly("$.event_id: does not match the uuid pattern");
  }

  @Test
  void checksIntegerRanges() {
    ObjectNode event = goodEvent();
    ((ArrayNode) event.at("/threads/values")).addObject().put("id", 2).put("name", "worker");
    assertThat(RelaySchema.validateEvent(event)).isEmpty();

    firstFrame(event).put("lineno", -1);
    ((ObjectNode) event.at("/threads/values/0"))
        .put("id", new java.math.BigInteger("99999999999999999999"));

    assertThat(RelaySchema.validateEvent(event))
        .contains(
            "$.exception.values[0].stacktrace.frames[0].lineno: must have a minimum value of 0.0",
            "$.threads.values[0].id: does not match the uint64 pattern");
  }

  @Test
  void assertValidEventListsEveryViolationAndTheEvent() {
    ObjectNode event = goodEvent();
    event.put("message", "top-level");
    firstFrame(event).put("native", false);

    assertThatThrownBy(() -> RelaySchema.assertValidEvent(event))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("event does not match Relay's event schema (")
        .hasMessageContaining("\n  - ")
        .hasMessageContaining("message")
        .hasMessageContaining("native")
        .hasMessageContaining("\"logger\" : \"com.example.OrderService\"");
  }

  @Test
  void checksTransactionsWithoutSpansStartTimestampAndMeasurements() {
    ObjectNode transaction = load("good-transaction.json");

    assertThat(RelaySchema.validateTransaction(transaction)).isEmpty();
    assertThatCode(() -> RelaySchema.assertValidTransaction(transaction))
        .doesNotThrowAnyException();
    assertThat(transaction.has("spans")).as("the caller's node is not changed").isTrue();
    assertThat(RelaySchema.validateEvent(transaction))
        .as("as an error event it has unknown fields")
        .isNotEmpty();

    transaction.put("transaction", 42);

    assertThatThrownBy(() -> RelaySchema.assertValidTransaction(transaction))
        .hasMessageStartingWith("transaction does not match Relay's event schema")
        .hasMessageContaining("$.transaction: integer found, [string, null] expected");
  }

  @Test
  void assertValidPicksTheCheckByPayloadType() {
    JsonNode transaction = load("good-transaction.json");
    ObjectNode badEvent = goodEvent();
    badEvent.put("message", "x");

    assertThatCode(() -> RelaySchema.assertValid(new ReceivedEvent(transaction, null)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> RelaySchema.assertValid(new ReceivedEvent(badEvent, null)))
        .hasMessageStartingWith("event does not match");
  }
}
