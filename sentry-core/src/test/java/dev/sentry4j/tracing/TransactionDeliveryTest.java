package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.tracing.SpanClock;
import dev.sentry4j.internal.tracing.Transactions;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionDeliveryTest extends ReceiverTest {
  /** Wall time when a transaction starts; the fake monotonic clock times it from there. */
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.000Z");

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @BeforeEach
  void driveTimeByHand() {
    Transactions.useClocks(() -> SpanClock.start(Clock.fixed(T0, ZoneOffset.UTC), nanos::get));
  }

  @AfterEach
  void systemClockAgain() {
    Transactions.useClocks(null);
  }

  private void advance(long millis) {
    nanos.addAndGet(millis * 1_000_000L);
  }

  @Test
  void transactionTreeArrivesWithParentIdsTimingsStatusesAndTags() {
    init(o -> o.setTracesSampleRate(1.0));
    String txSpanId;
    String dbSpanId;
    String rowSpanId;
    String traceId;
    try (Transaction tx =
        Sentry.startTransaction(
            "GET /orders/{id}",
            "http.server",
            TransactionOptions.builder().setSource(TransactionSource.ROUTE).build())) {
      tx.setTag("region", "eu");
      tx.setData("http.method", "GET");
      txSpanId = tx.getSpanId();
      traceId = tx.getTraceId();
      assertThat(Sentry.getCurrentSpan()).isSameAs(tx);
      try (Span db = Sentry.startSpan("db.query", "select * from orders")) {
        assertThat(Sentry.getCurrentSpan()).isSameAs(db);
        db.setData("db.system", "postgresql");
        db.setTag("db.table", "orders");
        dbSpanId = db.getSpanId();
        Span row = db.startChild("serialize");
        rowSpanId = row.getSpanId();
        advance(20);
        row.finish(SpanStatus.DATA_LOSS);
      }
      assertThat(Sentry.getCurrentSpan()).isSameAs(tx);
      advance(5);
    }
    assertThat(Sentry.getCurrentSpan()).isNull();

    ReceivedEvent t = oneTransaction();
    JsonNode json = t.json();
    assertThat(json.get("type").asText()).isEqualTo("transaction");
    assertThat(t.transaction()).isEqualTo("GET /orders/{id}");
    assertThat(json.at("/transaction_info/source").asText()).isEqualTo("route");
    assertThat(t.traceId()).isEqualTo(traceId).matches("[0-9a-f]{32}");
    assertThat(t.spanId()).isEqualTo(txSpanId).matches("[0-9a-f]{16}");
    JsonNode trace = t.contexts().get("trace");
    assertThat(trace.has("parent_span_id")).isFalse();
    assertThat(trace.get("op").asText()).isEqualTo("http.server");
    assertThat(trace.get("status").asText()).isEqualTo("ok");
    assertThat(trace.get("origin").asText()).isEqualTo("manual");
    assertThat(trace.at("/data/http.method").asText()).isEqualTo("GET");
    assertThat(t.tags()).containsEntry("region", "eu");
    assertThat(json.get("release").asText()).isEqualTo("shop@1.4.2");
    assertThat(json.get("environment").asText()).isEqualTo("production");
    assertThat(t.contexts().get("runtime")).isNotNull();

    Map<String, JsonNode> spans =
        t.spans().stream()
            .collect(Collectors.toMap(s -> s.get("span_id").asText(), Function.identity()));
    assertThat(spans).containsOnlyKeys(dbSpanId, rowSpanId);
    JsonNode db = spans.get(dbSpanId);
    JsonNode row = spans.get(rowSpanId);
    assertThat(db.get("parent_span_id").asText()).isEqualTo(txSpanId);
    assertThat(row.get("parent_span_id").asText()).isEqualTo(dbSpanId);
    assertThat(db.get("trace_id").asText()).isEqualTo(traceId);
    assertThat(db.get("op").asText()).isEqualTo("db.query");
    assertThat(db.get("description").asText()).isEqualTo("select * from orders");
    assertThat(db.get("status").asText()).isEqualTo("ok");
    assertThat(row.get("status").asText()).isEqualTo("data_loss");
    assertThat(db.at("/data/db.system").asText()).isEqualTo("postgresql");
    assertThat(db.at("/tags/db.table").asText()).isEqualTo("orders");

    double txStart = json.get("start_timestamp").asDouble();
    double txEnd = json.get("timestamp").asDouble();
    double dbStart = db.get("start_timestamp").asDouble();
    double dbEnd = db.get("timestamp").asDouble();
    double rowStart = row.get("start_timestamp").asDouble();
    double rowEnd = row.get("timestamp").asDouble();
    assertThat(txStart).isEqualTo(seconds(T0), MICROSECOND);
    assertThat(dbStart).isEqualTo(txStart, MICROSECOND);
    assertThat(rowStart).isEqualTo(dbStart, MICROSECOND);
    assertThat(rowEnd - rowStart).isEqualTo(0.020, MICROSECOND);
    assertThat(dbEnd).isEqualTo(rowEnd, MICROSECOND);
    assertThat(txEnd - dbEnd).isEqualTo(0.005, MICROSECOND);

    JsonNode header = t.envelope().header();
    assertThat(header.get("event_id").asText()).isEqualTo(t.eventId());
    JsonNode dsc = header.get("trace");
    assertThat(dsc.get("trace_id").asText()).isEqualTo(traceId);
    assertThat(dsc.get("public_key").asText()).isEqualTo("testkey");
    assertThat(dsc.get("release").asText()).isEqualTo("shop@1.4.2");
    assertThat(dsc.get("environment").asText()).isEqualTo("production");
    assertThat(dsc.get("transaction").asText()).isEqualTo("GET /orders/{id}");
    assertThat(dsc.get("sample_rate").asText()).isEqualTo("1.0");
    assertThat(dsc.get("sampled").asText()).isEqualTo("true");
    assertThat(dsc.get("sample_rand").asText()).matches("0\\.\\d{6}");
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void errorsInsideSpansCarryTheSpansTraceAndTheTransactionsDsc() {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction tx = Sentry.startTransaction("checkout", "task");
    Span db = Sentry.startSpan("db.query", "update stock");
    Sentry.captureException(new IllegalStateException("stock negative"));
    db.finish();
    Sentry.captureMessage("after the span");
    tx.setName("renamed after the DSC was frozen");
    tx.finish();
    Sentry.captureMessage("after the transaction");

    List<ReceivedEvent> events = receiver.awaitEvents(3, WAIT);
    ReceivedEvent error = find(events, e -> !e.exceptions().isEmpty());
    ReceivedEvent afterSpan = find(events, e -> "after the span".equals(e.message()));
    ReceivedEvent afterTx = find(events, e -> "after the transaction".equals(e.message()));
    for (ReceivedEvent e : events) {
      RelaySchema.assertValidEvent(e.json());
    }
    JsonNode trace = error.contexts().get("trace");
    assertThat(trace.get("trace_id").asText()).isEqualTo(tx.getTraceId());
    assertThat(trace.get("span_id").asText()).isEqualTo(db.getSpanId());
    assertThat(trace.get("parent_span_id").asText()).isEqualTo(tx.getSpanId());
    assertThat(trace.get("op").asText()).isEqualTo("db.query");
    assertThat(error.transaction()).isEqualTo("checkout");
    assertThat(afterSpan.spanId()).isEqualTo(tx.getSpanId());
    assertThat(afterSpan.contexts().get("trace").get("op").asText()).isEqualTo("task");
    assertThat(afterTx.traceId()).isNotEqualTo(tx.getTraceId());
    assertThat(afterTx.transaction()).isNull();

    // the DSC froze when the first error envelope left: renaming later does not change it
    JsonNode errorDsc = error.envelope().header().get("trace");
    assertThat(errorDsc.get("transaction").asText()).isEqualTo("checkout");
    ReceivedEvent t = oneTransaction();
    assertThat(t.transaction()).isEqualTo("renamed after the DSC was frozen");
    assertThat(t.envelope().header().get("trace")).isEqualTo(errorDsc);
    assertThat(afterTx.envelope().header().get("trace").get("trace_id").asText())
        .isEqualTo(afterTx.traceId());
  }

  @Test
  void urlNamesStayOutOfTheDsc() {
    init(o -> o.setTracesSampleRate(1.0));
    try (Transaction tx =
        Sentry.startTransaction(
            "/orders/17",
            "http.server",
            TransactionOptions.builder().setSource(TransactionSource.URL).build())) {
      assertThat(Sentry.getBaggage()).doesNotContain("sentry-transaction");
    }
    ReceivedEvent t = oneTransaction();
    assertThat(t.json().at("/transaction_info/source").asText()).isEqualTo("url");
    assertThat(t.envelope().header().get("trace").has("transaction")).isFalse();
  }

  @Test
  void statusIsKeptWhenAnExceptionLeavesTheBlockAndOkOtherwise() {
    init(o -> o.setTracesSampleRate(1.0));
    Span failed = null;
    Span plain = null;
    Transaction tx = Sentry.startTransaction("job", "task");
    assertThatThrownBy(
            () -> {
              try (Span s = Sentry.startSpan("http.client", "GET /prices")) {
                s.setStatus(SpanStatus.UNAVAILABLE);
                throw new IllegalStateException("boom");
              }
            })
        .isInstanceOf(IllegalStateException.class);
    try (Span s = Sentry.startSpan("compute")) {
      plain = s;
    }
    try (Span s = Sentry.startSpan("escaping")) {
      failed = s;
      throw new RuntimeException("escapes");
    } catch (RuntimeException expected) {
      assertThat(Sentry.getCurrentSpan()).isSameAs(tx);
    }
    tx.finish(SpanStatus.INTERNAL_ERROR);

    ReceivedEvent t = oneTransaction();
    assertThat(t.contexts().get("trace").get("status").asText()).isEqualTo("internal_error");
    Map<String, String> statusByOp =
        t.spans().stream()
            .collect(Collectors.toMap(s -> s.get("op").asText(), s -> s.get("status").asText()));
    assertThat(statusByOp)
        .containsEntry("http.client", "unavailable")
        .containsEntry("compute", "ok")
        .containsEntry("escaping", "ok");
    assertThat(plain.isFinished()).isTrue();
    assertThat(failed.isFinished()).isTrue();
  }

  @Test
  void unfinishedChildrenAreDroppedAndCounted() {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction tx = Sentry.startTransaction("batch", "task");
    Span done = tx.startChild("step", "done");
    Span open = tx.startChild("step", "still running");
    Span openGrandChild = open.startChild("step", "also running");
    done.finish();
    tx.finish();
    open.finish(); // too late: the transaction is gone

    ReceivedEvent t = oneTransaction();
    assertThat(t.spans())
        .extracting(s -> s.get("span_id").asText())
        .containsExactly(done.getSpanId());
    assertThat(discarded(DiscardReason.BUFFER_OVERFLOW, DataCategory.SPAN)).isEqualTo(2);
    assertThat(openGrandChild.isFinished()).isFalse();
  }

  @Test
  void spansBeyondMaxSpansAreNotRecordedButCounted() {
    init(o -> o.setTracesSampleRate(1.0).setMaxSpans(5));
    Transaction tx = Sentry.startTransaction("bulk", "task");
    for (int i = 0; i < 8; i++) {
      Span s = tx.startChild("item", "item " + i);
      if (i == 7) {
        assertThat(s.isSampled()).isFalse();
        assertThat(s.getTraceId()).isEqualTo(tx.getTraceId());
        s.startChild("nested").finish(); // counted too
      }
      s.finish();
    }
    tx.finish();
    ReceivedEvent t = oneTransaction();
    assertThat(t.spans()).hasSize(5);
    assertThat(discarded(DiscardReason.BUFFER_OVERFLOW, DataCategory.SPAN)).isEqualTo(4);
  }

  @Test
  void beforeSendTransactionEditsOrDropsTransactions() {
    init(
        o ->
            o.setTracesSampleRate(1.0)
                .setBeforeSendTransaction(
                    (tx, hint) -> {
                      if (tx.getTransaction().equals("health")) {
                        return null;
                      }
                      tx.getSpans().removeIf(s -> "noise".equals(s.getOperation()));
                      tx.getTags().put("edited", "yes");
                      return tx;
                    }));
    Transaction health = Sentry.startTransaction("health", "http.server");
    health.startChild("db").finish();
    health.finish();
    try (Transaction tx = Sentry.startTransaction("orders", "http.server")) {
      tx.startChild("noise").finish();
      tx.startChild("db").finish();
    }
    ReceivedEvent t = oneTransaction();
    assertThat(t.transaction()).isEqualTo("orders");
    assertThat(t.tags()).containsEntry("edited", "yes");
    assertThat(t.spans()).extracting(s -> s.get("op").asText()).containsExactly("db");
    assertThat(discarded(DiscardReason.BEFORE_SEND, DataCategory.TRANSACTION)).isEqualTo(1);
    assertThat(discarded(DiscardReason.BEFORE_SEND, DataCategory.SPAN)).isEqualTo(2 + 1);
  }

  @Test
  void scopeDataIsMergedIntoTransactions() {
    init(o -> o.setTracesSampleRate(1.0));
    Sentry.setTag("tenant", "acme");
    Sentry.setExtra("cart", Map.of("items", 3));
    Sentry.addBreadcrumb("cart loaded");
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      tx.setTag("tenant", "root-span-wins");
    }
    ReceivedEvent t = oneTransaction();
    assertThat(t.tags()).containsEntry("tenant", "root-span-wins");
    assertThat(t.extra().at("/cart/items").asInt()).isEqualTo(3);
    assertThat(t.breadcrumbs())
        .extracting(b -> b.get("message").asText())
        .containsExactly("cart loaded");
  }

  @Test
  void explicitStartTimestampIsUsed() {
    init(o -> o.setTracesSampleRate(1.0));
    Instant start = T0.minusSeconds(3);
    Sentry.startTransaction(
            "late",
            "task",
            TransactionOptions.builder().setStartTimestamp(start).setBindToScope(false).build())
        .finish();
    assertThat(Sentry.getCurrentSpan()).isNull();
    ReceivedEvent t = oneTransaction();
    assertThat(t.json().get("start_timestamp").asDouble()).isEqualTo(seconds(start), MICROSECOND);
    assertThat(t.json().get("timestamp").asDouble()).isEqualTo(seconds(T0), MICROSECOND);
  }

  private static final Offset<Double> MICROSECOND = Offset.offset(1e-6);

  private static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  private static ReceivedEvent find(
      List<ReceivedEvent> events, java.util.function.Predicate<ReceivedEvent> p) {
    return events.stream()
        .filter(p)
        .findFirst()
        .orElseThrow(() -> new AssertionError("not in " + events));
  }
}
