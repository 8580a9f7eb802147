package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Run by the {@code custom-keys} surefire execution: {@code sentry.mdc.trace-id-key=traceId},
 * {@code sentry.mdc.spanIdKey=spanId}, an empty {@code sentry.mdc.trace-sampled-key} and {@code
 * sentry.mdc.propagation-ids=false}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CustomKeysTest {
  private final Logger log = LoggerFactory.getLogger("orders");
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    Sentry.init(
        o -> {
          o.setDsn(receiver.dsn());
          o.setTracesSampleRate(1.0);
        });
    MDC.clear();
    MemoryAppender.clear();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
    MDC.clear();
  }

  @Test
  void spansWriteTheConfiguredKeysOnly() {
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      try (Span child = Sentry.startSpan("db.query")) {
        log.info("in child");
        assertThat(PrintedLines.line(MemoryAppender.lines(), "in child"))
            .containsEntry("traceId", tx.getTraceId())
            .containsEntry("spanId", child.getSpanId())
            .containsEntry("trace", "")
            .containsEntry("span", "")
            .containsEntry("sampled", "");
      }
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void outsideSpansTheKeysAreAbsentAndTheApplicationsValuesComeBack() {
    MDC.put("traceId", "my-trace");
    try (ScopeToken request = Sentry.newIsolationScope()) {
      log.info("in request");
      try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
        log.info("in tx");
        assertThat(PrintedLines.line(MemoryAppender.lines(), "in tx"))
            .containsEntry("traceId", tx.getTraceId());
      }
      log.info("request again");
    }
    log.info("after");
    assertThat(PrintedLines.line(MemoryAppender.lines(), "in request"))
        .containsEntry("traceId", "");
    assertThat(PrintedLines.line(MemoryAppender.lines(), "request again"))
        .containsEntry("traceId", "");
    assertThat(PrintedLines.line(MemoryAppender.lines(), "after"))
        .containsEntry("traceId", "my-trace")
        .containsEntry("spanId", "");
  }
}
