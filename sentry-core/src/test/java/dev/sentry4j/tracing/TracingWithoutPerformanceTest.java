package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.testing.ReceivedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With tracing not configured (no {@code tracesSampleRate}, no {@code tracesSampler}), {@code
 * Sentry.startTransaction} returns a real, unsampled transaction that becomes current, as the
 * Python SDK does: its trace reaches errors, outgoing headers and Sentry Logs, and it is never
 * sent.
 */
class TracingWithoutPerformanceTest extends ReceiverTest {

  @Test
  @Timeout(60)
  void anUnsampledTransactionBecomesCurrentAndCarriesItsTraceEverywhereButIsNotSent() {
    init(o -> o.setEnableLogs(true));
    String traceId;
    String spanId;
    try (Transaction tx = Sentry.startTransaction("GET /checkout", "http.server")) {
      traceId = tx.getTraceId();
      spanId = tx.getSpanId();
      assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
      assertThat(tx.isSampled()).isFalse();
      assertThat(Sentry.getCurrentSpan()).isSameAs(tx);
      assertThat(Sentry.getTraceparent()).isEqualTo(traceId + "-" + spanId + "-0");
      assertThat(Sentry.getBaggage()).contains("sentry-trace_id=" + traceId);
      try (Span child = Sentry.startSpan("db.query", "select 1")) {
        assertThat(Sentry.getCurrentSpan()).isSameAs(child);
        assertThat(child.getTraceId()).isEqualTo(traceId);
        Sentry.captureMessage("inside the unsampled transaction");
      }
      Sentry.logger().info("a log line in the transaction");
    }
    assertThat(Sentry.getCurrentSpan()).isNull();
    assertThat(Sentry.flush(WAIT)).isTrue();

    List<ReceivedEvent> events = receiver.awaitEvents(1, WAIT);
    assertThat(events.get(0).traceId()).isEqualTo(traceId);
    assertThat(receiver.awaitLogs(1, WAIT).get(0).traceId()).isEqualTo(traceId);
    assertThat(receiver.transactions()).isEmpty();
    assertThat(discarded(DiscardReason.SAMPLE_RATE, DataCategory.TRANSACTION)).isEqualTo(1);
  }

  @Test
  @Timeout(60)
  void anExplicitSampledDecisionDoesNotTurnOnPerformanceMonitoring() {
    init(o -> {});
    try (Transaction tx =
        Sentry.startTransaction(
            "job", "task", TransactionOptions.builder().setSampled(true).build())) {
      assertThat(tx.isSampled()).isFalse();
      assertThat(Sentry.getCurrentSpan()).isSameAs(tx);
    }
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.transactions()).isEmpty();
  }

  @Test
  void withoutAClientTheTransactionIsTheSharedNoOp() {
    Transaction tx = Sentry.startTransaction("job", "task");
    assertThat(Sentry.getCurrentSpan()).isNull();
    assertThat(tx.isSampled()).isFalse();
    tx.close();
    assertThat(Sentry.getCurrentSpan()).isNull();
  }
}
