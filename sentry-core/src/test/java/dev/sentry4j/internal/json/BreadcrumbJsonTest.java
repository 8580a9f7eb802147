package dev.sentry4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Level;
import dev.sentry4j.testing.RelaySchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Breadcrumbs shared by consecutive events are encoded once and reused: what Sentry receives is the
 * same as encoding each one afresh, for small and large breadcrumbs and lazy messages.
 */
class BreadcrumbJsonTest {
  private final EventWriter writer =
      new EventWriter(List.of(), List.of(), List::of, () -> "host-1");
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode crumbsOf(List<Breadcrumb> crumbs) throws Exception {
    Event event = new Event();
    event.setBreadcrumbs(new ArrayList<>(crumbs));
    JsonNode json = mapper.readTree(writer.write(event));
    RelaySchema.assertValidEvent(json);
    return json.at("/breadcrumbs/values");
  }

  @Test
  void consecutiveEventsSharingBreadcrumbsCarryTheSameBreadcrumbJson() throws Exception {
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      crumbs.add(
          Breadcrumb.builder()
              .timestamp(Instant.ofEpochSecond(1_748_779_200L, i * 1_000_000L))
              .category("shop")
              .level(Level.INFO)
              .message("order " + i + " \"paid\" é")
              .data("n", i)
              .build());
    }
    String big = "x".repeat(5_000); // beyond what is cached: encoded every time
    crumbs.add(Breadcrumb.builder().message(big).data("payload", big).build());
    crumbs.add(Breadcrumb.of(Instant.now(), "lazy", Level.WARNING, () -> "made once"));

    JsonNode first = crumbsOf(crumbs);
    JsonNode again = crumbsOf(crumbs); // from the cache
    JsonNode reversed = crumbsOf(reverse(crumbs));

    assertThat(first).hasSize(302);
    assertThat(again).isEqualTo(first);
    assertThat(reverse(reversed)).isEqualTo(toList(first));
    JsonNode seventh = first.get(7);
    assertThat(seventh.get("message").asText()).isEqualTo("order 7 \"paid\" é");
    assertThat(seventh.get("category").asText()).isEqualTo("shop");
    assertThat(seventh.get("level").asText()).isEqualTo("info");
    assertThat(seventh.at("/data/n").asInt()).isEqualTo(7);
    assertThat(seventh.get("timestamp").asDouble()).isCloseTo(1748779200.007, within(1e-6));
    assertThat(first.get(300).get("message").asText()).isEqualTo(big);
    assertThat(first.get(300).at("/data/payload").asText()).isEqualTo(big);
    assertThat(first.get(301).get("message").asText()).isEqualTo("made once");
  }

  private static <T> List<T> reverse(List<T> in) {
    List<T> out = new ArrayList<>(in);
    java.util.Collections.reverse(out);
    return out;
  }

  private static List<JsonNode> reverse(JsonNode array) {
    return reverse(toList(array));
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  @Test
  void aBurstOfEventsEncodesAboutOneNewBreadcrumbPerEvent() throws Exception {
    // the scope's 100 breadcrumbs ride along in every event; each event adds one (its own line)
    java.util.ArrayDeque<Breadcrumb> scope = new java.util.ArrayDeque<>();
    int rounds = 2000;
    long encoded = 0;
    for (int round = 0; round < rounds; round++) {
      scope.addLast(Breadcrumb.of(Instant.now(), "app", Level.ERROR, "payment failed " + round));
      if (scope.size() > 100) {
        scope.removeFirst();
      }
      for (Breadcrumb b : scope) {
        if (!BreadcrumbJson.isCached(b)) {
          encoded++;
        }
      }
      crumbsOf(new ArrayList<>(scope));
    }
    // 1 is the new breadcrumb; a direct-mapped table that replaced live entries needed about 5
    assertThat((double) encoded / rounds).isLessThan(2.5);
  }
}
