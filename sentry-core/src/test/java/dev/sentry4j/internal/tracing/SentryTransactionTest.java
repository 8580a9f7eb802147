package dev.sentry4j.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.event.Hint;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.internal.client.NoOpSentryClient;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.ScopeLayers;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanData;
import dev.sentry4j.tracing.TraceContext;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The one transaction class and the one span class, driven by a hand-moved clock: recorded times
 * are exactly the clock's, a wall clock step does not change durations, an unsampled transaction
 * counts its children, and spans beyond {@code maxSpans} are not recorded but counted.
 */
class SentryTransactionTest {
  private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final List<TransactionEvent> captured = new ArrayList<>();

  private Transaction start(SentryOptions options) {
    SpanClock clock = SpanClock.start(Clock.fixed(T0, ZoneOffset.UTC), nanos::get);
    return Transactions.start(
        options,
        new CapturingScopes(),
        "GET /orders",
        "http.server",
        TransactionOptions.DEFAULTS,
        null,
        clock);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void recordedTimesAreTheInjectedClocks() {
    Transaction tx = start(SentryOptions.builder().setTracesSampleRate(1.0).build());
    assertThat(tx.isSampled()).isTrue();
    advance(Duration.ofMillis(10));
    Span db = tx.startChild("db.query", "select 1");
    advance(Duration.ofMillis(25));
    db.finish();
    advance(Duration.ofMillis(5));
    tx.finish();

    assertThat(captured).hasSize(1);
    TransactionEvent event = captured.get(0);
    SpanData root = event.getRootSpan();
    assertThat(root.getStartTimestamp()).isEqualTo(T0);
    assertThat(root.getTimestamp()).isEqualTo(T0.plusMillis(40));
    assertThat(event.getSpans()).hasSize(1);
    SpanData child = event.getSpans().get(0);
    assertThat(child.getStartTimestamp()).isEqualTo(T0.plusMillis(10));
    assertThat(child.getTimestamp()).isEqualTo(T0.plusMillis(35));
    assertThat(child.getParentSpanId()).isEqualTo(tx.getSpanId());
  }

  @Test
  void anUnsampledTransactionRecordsNothingAndCountsItsChildren() {
    Transaction tx = start(SentryOptions.builder().setTracesSampleRate(0.0).build());
    Span child = tx.startChild("db.query", "select 1");
    Span grandchild = child.startChild("serialize", null);
    child.setTag("ignored", "yes");
    assertThat(child.isSampled()).isFalse();
    assertThat(grandchild.getTraceId()).isEqualTo(tx.getTraceId());
    assertThat(grandchild.getParentSpanId()).isEqualTo(child.getSpanId());
    TraceContext ctx = grandchild.toTraceContext();
    assertThat(ctx.getSampled()).isFalse();
    assertThat(child.getDynamicSamplingContext()).containsEntry("sampled", "false");
    grandchild.finish();
    child.finish();
    tx.finish();
    tx.finish(); // once only

    assertThat(captured).hasSize(1);
    TransactionEvent event = captured.get(0);
    assertThat(event.isSampled()).isFalse();
    assertThat(event.getDroppedSpanCount()).isEqualTo(2);
    assertThat(event.getSpans()).isEmpty();
  }

  @Test
  void spansBeyondMaxSpansAreCountedNotRecorded() {
    Transaction tx = start(SentryOptions.builder().setTracesSampleRate(1.0).setMaxSpans(2).build());
    for (int i = 0; i < 5; i++) {
      tx.startChild("op" + i, null).finish();
    }
    tx.finish();
    TransactionEvent event = captured.get(0);
    assertThat(event.getSpans()).extracting(SpanData::getOperation).containsExactly("op0", "op1");
    assertThat(event.getDroppedSpanCount()).isEqualTo(3);
  }

  @Test
  void theSharedNoOpIsNeverReportedAndHasInvalidIds() {
    SentryTransaction.NOOP.startChild("x", null).finish();
    SentryTransaction.NOOP.finish();
    assertThat(SentryTransaction.NOOP.isFinished()).isFalse();
    assertThat(SentryTransaction.NOOP.getTraceId()).isEqualTo(SentrySpan.INVALID_TRACE_ID);
    assertThat(SentryTransaction.NOOP.startChild("x", null)).isSameAs(SentrySpan.NOOP);
    assertThat(captured).isEmpty();
  }

  /** Scopes that hand finished transactions to this test. */
  private final class CapturingScopes implements TracingScopes {
    private final Scope global = new Scope(Scope.Kind.GLOBAL);
    private final Scope isolation = new Scope(Scope.Kind.ISOLATION);
    private final Scope current = new Scope(Scope.Kind.CURRENT);

    @Override
    public SentryClient getClient() {
      return new SentryClient() {
        @Override
        public boolean isEnabled() {
          return true;
        }

        @Override
        public SentryOptions getOptions() {
          return NoOpSentryClient.INSTANCE.getOptions();
        }

        @Override
        public SentryId captureEvent(dev.sentry4j.event.Event event, Hint hint, ScopeLayers s) {
          return SentryId.EMPTY;
        }

        @Override
        public SentryId captureTransaction(TransactionEvent tx, Hint hint, ScopeLayers s) {
          captured.add(tx);
          return SentryId.EMPTY;
        }

        @Override
        public boolean flush(Duration timeout) {
          return true;
        }

        @Override
        public void close(Duration timeout) {}
      };
    }

    @Override
    public Scope getGlobalScope() {
      return global;
    }

    @Override
    public Scope getIsolationScope() {
      return isolation;
    }

    @Override
    public Scope getCurrentScope() {
      return current;
    }

    @Override
    public TraceContext getTraceContext() {
      return null;
    }

    @Override
    public Map<String, String> getDynamicSamplingContext() {
      return Map.of();
    }
  }
}
