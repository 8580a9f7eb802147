package dev.sentry4j.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceHeadersTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String SPAN = "b0e6f15b45c36b12";

  @Test
  void readsSentryTraceWithAndWithoutFlag() {
    TraceHeaders.Parsed sampled = TraceHeaders.parseSentryTrace(TRACE + "-" + SPAN + "-1");
    assertThat(sampled.traceId()).isEqualTo(TRACE);
    assertThat(sampled.spanId()).isEqualTo(SPAN);
    assertThat(sampled.sampled()).isTrue();
    assertThat(TraceHeaders.parseSentryTrace(TRACE + "-" + SPAN + "-0").sampled()).isFalse();
    assertThat(TraceHeaders.parseSentryTrace(TRACE + "-" + SPAN).sampled()).isNull();
  }

  @Test
  void sentryTraceAllowsBlanksAndUpperCaseHexButWritesLowerCase() {
    TraceHeaders.Parsed p =
        TraceHeaders.parseSentryTrace(
            " \t" + TRACE.toUpperCase() + "-" + SPAN.toUpperCase() + "-1 ");
    assertThat(p.traceId()).isEqualTo(TRACE);
    assertThat(p.spanId()).isEqualTo(SPAN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "zzz",
        "771a43a4192642f0b136d5159a501700",
        "771a43a4192642f0b136d5159a50170-b0e6f15b45c36b12-1",
        "771a43a4192642f0b136d5159a5017000-b0e6f15b45c36b12",
        "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b1-1",
        "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b123",
        "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-2",
        "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-",
        "771a43a4192642f0b136d5159a501700_b0e6f15b45c36b12-1",
        "771a43a4192642f0b136d5159a50170g-b0e6f15b45c36b12-1",
        "00000000000000000000000000000000-b0e6f15b45c36b12-1",
        "771a43a4192642f0b136d5159a501700-0000000000000000-1",
        "00-771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-01",
      })
  void refusesMalformedSentryTrace(String header) {
    assertThat(TraceHeaders.parseSentryTrace(header)).isNull();
  }

  @Test
  void refusesHugeHeadersWithoutScanningThem() {
    String huge = (TRACE + "-" + SPAN + "-1 ").repeat(200); // ~10 KB
    assertThat(huge.length()).isGreaterThan(10_000);
    assertThat(TraceHeaders.parseSentryTrace(huge)).isNull();
    assertThat(TraceHeaders.parseTraceparent(huge)).isNull();
    assertThat(TraceHeaders.parseSentryTrace(null)).isNull();
  }

  @Test
  void readsW3cTraceparent() {
    TraceHeaders.Parsed p = TraceHeaders.parseTraceparent("00-" + TRACE + "-" + SPAN + "-01");
    assertThat(p.traceId()).isEqualTo(TRACE);
    assertThat(p.spanId()).isEqualTo(SPAN);
    assertThat(p.sampled()).isTrue();
    assertThat(TraceHeaders.parseTraceparent("00-" + TRACE + "-" + SPAN + "-00").sampled())
        .isFalse();
    assertThat(TraceHeaders.parseTraceparent("00-" + TRACE + "-" + SPAN + "-03").sampled())
        .isTrue();
    // a later version may append fields
    assertThat(TraceHeaders.parseTraceparent("01-" + TRACE + "-" + SPAN + "-01-extra")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00-771A43A4192642F0B136D5159A501700-b0e6f15b45c36b12-01",
        "00-771a43a4192642f0b136d5159a501700-B0E6F15B45C36B12-01",
        "ff-771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-01",
        "00-771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-01-extra",
        "00-00000000000000000000000000000000-b0e6f15b45c36b12-01",
        "00-771a43a4192642f0b136d5159a501700-0000000000000000-01",
        "00-771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1",
        "00-771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-zz",
        "zzz",
      })
  void refusesMalformedTraceparent(String header) {
    assertThat(TraceHeaders.parseTraceparent(header)).isNull();
  }

  @Test
  void writesLowerCaseHeaders() {
    assertThat(TraceHeaders.sentryTrace(TRACE, SPAN, true)).isEqualTo(TRACE + "-" + SPAN + "-1");
    assertThat(TraceHeaders.sentryTrace(TRACE, SPAN, false)).isEqualTo(TRACE + "-" + SPAN + "-0");
    assertThat(TraceHeaders.sentryTrace(TRACE, SPAN, null)).isEqualTo(TRACE + "-" + SPAN);
    assertThat(TraceHeaders.traceparent(TRACE, SPAN, true))
        .isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
    assertThat(TraceHeaders.traceparent(TRACE, SPAN, null))
        .isEqualTo("00-" + TRACE + "-" + SPAN + "-00");
  }
}
