package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.sentry4j.Sentry;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.scope.ScopeToken;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * {@code %traceId} and {@code %spanId} in a pattern layout, read from the line the layout printed.
 */
class TraceIdConverterTest {
  private LogbackFixture logback;
  private Logger log;

  @BeforeEach
  void configure() {
    logback = LogbackFixture.configure("logback-trace-ids.xml", Map.of());
    log = logback.logger("com.shop.Checkout");
  }

  @AfterEach
  void stop() {
    logback.close();
    Sentry.close();
    MDC.clear();
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
  }

  private MemoryAppender memory() {
    return logback.appender("MEMORY");
  }

  @Test
  void insideASpanTheLinePrintsItsIds() {
    FakeSpan span = FakeSpan.of('1', '2');

    try (ScopeToken ignored = span.activate()) {
      log.info("in the span");
    }

    assertThat(memory().lines())
        .containsExactly("INFO [" + span.traceId + "/" + span.spanId + "] in the span");
  }

  @Test
  void outsideSpansThePropagationContextsIdsArePrinted() {
    FakeSpan span = FakeSpan.of('3', '4');
    try (ScopeToken ignored = span.activate()) {
      log.info("in the span");
    }

    log.info("after the span");

    assertThat(memory().lines()).last().isEqualTo("INFO [" + propagationIds() + "] after the span");
    assertThat(propagationIds()).matches("[0-9a-f]{32}/[0-9a-f]{16}");
  }

  /** The ids errors captured on this thread carry without a span: its propagation context's. */
  private static String propagationIds() {
    return ScopeStorage.current().getTraceContext().getTraceId()
        + "/"
        + ScopeStorage.current().getTraceContext().getSpanId();
  }

  @Test
  void onTheLoggingThreadTheLiveSpanWinsOverStaleMdcEntries() {
    FakeSpan span = FakeSpan.of('5', '6');
    MDC.put(LoggedTrace.TRACE_ID_KEY, "0".repeat(32));

    try (ScopeToken ignored = span.activate()) {
      log.info("in the span");
    }
    log.info("no span");

    assertThat(memory().lines())
        .containsExactly(
            "INFO [" + span.traceId + "/" + span.spanId + "] in the span",
            "INFO [" + propagationIds() + "] no span");
  }
}
