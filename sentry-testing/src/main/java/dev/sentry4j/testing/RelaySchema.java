package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks event payloads against Relay's event schema ({@code relay-event.schema.json}, JSON Schema
 * draft-07, bundled with this module under its own licence).
 *
 * <pre>{@code
 * for (ReceivedEvent event : receiver.events()) {
 *   RelaySchema.assertValidEvent(event.json());
 * }
 * }</pre>
 *
 * <p>The schema sets {@code additionalProperties: false} almost everywhere, so it catches fields
 * Relay does not know (top-level {@code message}, frame {@code native}) as well as wrong types.
 * Format {@code uuid} is checked as the protocol tells SDKs to write ids: 32 lowercase hex digits.
 * The schema describes error events; transactions are checked after removing the fields only
 * transactions have. Thread-safe; the schema is loaded once, on first use.
 */
public final class RelaySchema {

  /** The bundled schema, relative to this class. */
  static final String RESOURCE = "relay-event.schema.json";

  private RelaySchema() {}

  /**
   * Validates an error event.
   *
   * @param event the event payload
   * @return one line per violation ({@code "$.exception.values[0]: what is wrong"}), empty when the
   *     event is valid; mismatches against the {@code null} alternative of a field that has a more
   *     specific problem are left out
   */
  public static List<String> validateEvent(JsonNode event) {
    if (event == null) {
      throw new IllegalArgumentException("event must not be null");
    }
    List<ValidationMessage> messages = new ArrayList<>(Holder.SCHEMA.validate(event));
    Set<String> lines = new LinkedHashSet<>();
    for (ValidationMessage message : messages) {
      if (!isLosingAlternative(message, messages)) {
        lines.add(message.getMessage().trim());
      }
    }
    return List.copyOf(lines);
  }

  /**
   * Most fields are {@code anyOf: [<the real schema>, {"type": "null"}]} (or an object-or-array
   * choice), so every real problem also fails the other branch with "object found, null expected".
   * Such a type mismatch is noise when a more telling message exists at the same place or deeper
   * inside the value.
   */
  private static boolean isLosingAlternative(
      ValidationMessage message, List<ValidationMessage> all) {
    if (!"type".equals(message.getType())) {
      return false;
    }
    String location = message.getInstanceLocation().toString();
    for (ValidationMessage other : all) {
      if (other == message) {
        continue;
      }
      String otherLocation = other.getInstanceLocation().toString();
      if (otherLocation.equals(location)
          ? !"type".equals(other.getType())
          : isInside(otherLocation, location)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a JSON path such as {@code $.tags.count} lies inside {@code $.tags}. */
  private static boolean isInside(String path, String ancestor) {
    if (path.length() <= ancestor.length() || !path.startsWith(ancestor)) {
      return false;
    }
    char next = path.charAt(ancestor.length());
    return next == '.' || next == '[';
  }

  /**
   * Validates a transaction: a copy without {@code spans}, {@code start_timestamp} and {@code
   * measurements}, which the schema does not describe.
   *
   * @param transaction the transaction payload (not changed)
   * @return one line per violation, empty when valid
   */
  public static List<String> validateTransaction(JsonNode transaction) {
    if (transaction == null) {
      throw new IllegalArgumentException("transaction must not be null");
    }
    JsonNode copy = transaction.deepCopy();
    if (copy.isObject()) {
      ((ObjectNode) copy).remove(List.of("spans", "start_timestamp", "measurements"));
    }
    return validateEvent(copy);
  }

  /**
   * Fails unless the error event matches the schema.
   *
   * @param event the event payload
   * @throws AssertionError listing every violation and the event JSON
   */
  public static void assertValidEvent(JsonNode event) {
    fail("event", validateEvent(event), event);
  }

  /**
   * Fails unless the transaction matches the schema once {@code spans}, {@code start_timestamp} and
   * {@code measurements} are removed.
   *
   * @param transaction the transaction payload (not changed)
   * @throws AssertionError listing every violation and the transaction JSON
   */
  public static void assertValidTransaction(JsonNode transaction) {
    fail("transaction", validateTransaction(transaction), transaction);
  }

  /**
   * Fails unless the received event or transaction matches the schema; picks the right check by the
   * payload's {@code type}.
   *
   * @param received an element of {@link SentryReceiver#events()} or {@link
   *     SentryReceiver#transactions()}
   * @throws AssertionError listing every violation and the payload JSON
   */
  public static void assertValid(ReceivedEvent received) {
    JsonNode json = received.jsonNode();
    if ("transaction".equals(json.path("type").asText())) {
      assertValidTransaction(json);
    } else {
      assertValidEvent(json);
    }
  }

  private static void fail(String what, List<String> violations, JsonNode payload) {
    if (violations.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    text.append(what)
        .append(" does not match Relay's event schema (")
        .append(violations.size())
        .append(" violations):");
    for (String violation : violations) {
      text.append("\n  - ").append(violation);
    }
    text.append("\n").append(what).append(": ").append(pretty(payload));
    throw new AssertionError(text.toString());
  }

  private static String pretty(JsonNode payload) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(payload);
    } catch (IOException e) {
      return String.valueOf(payload);
    }
  }

  /** Compiles the schema on first use, once per class loader. */
  private static final class Holder {
    static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
      // The schema declares draft-07; Relay's formats replace the validator's defaults.
      JsonMetaSchema metaSchema =
          JsonMetaSchema.builder(JsonMetaSchema.getV7()).formats(RelayFormats.all()).build();
      JsonSchemaFactory factory =
          JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V7, builder -> builder.metaSchema(metaSchema));
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder()
              .formatAssertionsEnabled(true)
              .pathType(PathType.JSON_PATH)
              .locale(Locale.ENGLISH)
              .build();
      try (InputStream in = RelaySchema.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "missing resource " + RESOURCE + " next to " + RelaySchema.class.getName());
        }
        JsonSchema schema = factory.getSchema(Json.MAPPER.readTree(in), config);
        schema.initializeValidators();
        return schema;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
