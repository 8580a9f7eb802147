package dev.sentry4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BreadcrumbWindowTest {
  private final List<Breadcrumb> made = new ArrayList<>();

  @BeforeEach
  void forget() {
    BreadcrumbWindow.clear();
    for (int i = 0; i < 400; i++) {
      made.add(
          Breadcrumb.builder()
              .timestamp(Instant.ofEpochSecond(1_748_779_200L, i * 1_000_000L))
              .category(i % 3 == 0 ? "shop" : "app")
              .level(Level.INFO)
              .message("line " + i + " \"quoted\" é " + "x".repeat(i % 7 == 0 ? 1_000 : 3))
              .data("n", i)
              .build());
    }
  }

  @Test
  void aWindowMovingOnWritesWhatWritingEachBreadcrumbWrites() throws Exception {
    // a burst: each event's window moves on by one, then by several, then jumps
    for (int start = 0; start < 150; start++) {
      assertSameAsOneByOne(made.subList(start, start + 100));
      assertThat(BreadcrumbWindow.lastShared()).as("shared").isEqualTo(start == 0 ? 0 : 99);
    }
    assertSameAsOneByOne(made.subList(157, 257)); // moved on by seven
    assertThat(BreadcrumbWindow.lastShared()).isEqualTo(92);
    assertSameAsOneByOne(made.subList(300, 400)); // nothing shared
    assertThat(BreadcrumbWindow.lastShared()).isZero();
    assertSameAsOneByOne(made.subList(300, 350)); // a smaller window of the same run
    assertThat(BreadcrumbWindow.lastShared()).isEqualTo(50);
    assertSameAsOneByOne(made.subList(320, 330));
    assertSameAsOneByOne(made.subList(10, 11)); // one
  }

  @Test
  void scopesWhoseEventsComeInTurnEachKeepTheirOwnArray() throws Exception {
    // three scopes (say, requests on three threads) with breadcrumbs of their own, events in turn
    for (int event = 0; event < 30; event++) {
      for (int scope = 0; scope < 3; scope++) {
        int start = scope * 130 + event;
        assertSameAsOneByOne(made.subList(start, start + 100));
        assertThat(BreadcrumbWindow.lastShared())
            .as("event %d of scope %d", event, scope)
            .isEqualTo(event == 0 ? 0 : 99);
      }
    }
  }

  @Test
  void aWindowSharingOnlyPartOfTheRunOrRepeatingABreadcrumbIsWrittenAsItIs() throws Exception {
    assertSameAsOneByOne(made.subList(0, 100));
    List<Breadcrumb> changed = new ArrayList<>(made.subList(1, 101));
    changed.set(50, made.get(399)); // another one in the middle of the shared run
    assertSameAsOneByOne(changed);
    List<Breadcrumb> twice = new ArrayList<>(made.subList(2, 102));
    twice.add(made.get(2)); // the first one again at the end
    twice.add(made.get(2));
    assertSameAsOneByOne(twice);
    List<Breadcrumb> reversed = new ArrayList<>(twice);
    java.util.Collections.reverse(reversed);
    assertSameAsOneByOne(reversed);
  }

  @Test
  void theWrittenArrayIsValidJsonOfEveryBreadcrumb() throws Exception {
    assertSameAsOneByOne(made.subList(0, 100));
    byte[] json = Json.toBytes(g -> BreadcrumbWindow.write(g, made.subList(1, 101)));
    var tree = new ObjectMapper().readTree(json);
    assertThat(tree.isArray()).isTrue();
    assertThat(tree).hasSize(100);
    assertThat(tree.get(0).get("message").asText()).startsWith("line 1 \"quoted\" é");
    assertThat(tree.get(99).at("/data/n").asInt()).isEqualTo(100);
  }

  private void assertSameAsOneByOne(List<Breadcrumb> crumbs) throws Exception {
    String expected =
        new String(
            Json.toBytes(
                g -> {
                  g.writeStartArray();
                  for (Breadcrumb b : crumbs) {
                    BreadcrumbJson.write(g, b, false);
                  }
                  g.writeEndArray();
                }),
            StandardCharsets.UTF_8);
    String actual =
        new String(
            Json.toBytes(
                g -> {
                  g.writeStartObject();
                  g.writeFieldName("values");
                  BreadcrumbWindow.write(g, crumbs);
                  g.writeStringField("after", "x");
                  g.writeEndObject();
                }),
            StandardCharsets.UTF_8);
    assertThat(actual).isEqualTo("{\"values\":" + expected + ",\"after\":\"x\"}");
  }
}
