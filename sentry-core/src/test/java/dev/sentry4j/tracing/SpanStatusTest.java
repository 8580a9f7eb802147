package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpanStatusTest {
  @Test
  void wireNamesAreRelaysStatusesAndSourcesRelaysSources() throws Exception {
    JsonNode definitions;
    try (InputStream in =
        getClass().getResourceAsStream("/dev/sentry4j/testing/relay-event.schema.json")) {
      definitions = new ObjectMapper().readTree(in).get("definitions");
    }
    List<String> relayStatuses = new ArrayList<>();
    definitions.get("SpanStatus").get("enum").forEach(n -> relayStatuses.add(n.asText()));
    assertThat(
            Arrays.stream(SpanStatus.values())
                .map(SpanStatus::wireName)
                .collect(Collectors.toList()))
        .containsExactlyInAnyOrderElementsOf(relayStatuses);
    List<String> relaySources = new ArrayList<>();
    definitions.get("TransactionSource").get("enum").forEach(n -> relaySources.add(n.asText()));
    for (TransactionSource s : TransactionSource.values()) {
      assertThat(relaySources).contains(s.wireName());
    }
    for (SpanStatus s : SpanStatus.values()) {
      assertThat(SpanStatus.fromWireName(s.wireName())).isSameAs(s);
    }
  }

  @Test
  void mapsHttpStatusCodesAsSentrysSdksDo() {
    assertThat(SpanStatus.fromHttpStatus(200)).isEqualTo(SpanStatus.OK);
    assertThat(SpanStatus.fromHttpStatus(302)).isEqualTo(SpanStatus.OK);
    assertThat(SpanStatus.fromHttpStatus(401)).isEqualTo(SpanStatus.UNAUTHENTICATED);
    assertThat(SpanStatus.fromHttpStatus(403)).isEqualTo(SpanStatus.PERMISSION_DENIED);
    assertThat(SpanStatus.fromHttpStatus(404)).isEqualTo(SpanStatus.NOT_FOUND);
    assertThat(SpanStatus.fromHttpStatus(429)).isEqualTo(SpanStatus.RESOURCE_EXHAUSTED);
    assertThat(SpanStatus.fromHttpStatus(418)).isEqualTo(SpanStatus.INVALID_ARGUMENT);
    assertThat(SpanStatus.fromHttpStatus(500)).isEqualTo(SpanStatus.INTERNAL_ERROR);
    assertThat(SpanStatus.fromHttpStatus(503)).isEqualTo(SpanStatus.UNAVAILABLE);
    assertThat(SpanStatus.fromHttpStatus(504)).isEqualTo(SpanStatus.DEADLINE_EXCEEDED);
    assertThat(SpanStatus.fromHttpStatus(0)).isEqualTo(SpanStatus.UNKNOWN);
  }
}
