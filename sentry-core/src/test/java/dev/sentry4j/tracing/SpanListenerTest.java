package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.scope.ScopeToken;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanListenerTest extends ReceiverTest {

  @Test
  void isToldWhenTheCurrentSpanOfTheThreadChanges() {
    init(o -> o.setTracesSampleRate(1.0));
    RecordingSpanListener.start();
    Transaction tx;
    Span child;
    try (Transaction t = Sentry.startTransaction("job", "task")) {
      tx = t;
      try (ScopeToken ignored = Sentry.newScope()) {
        Sentry.setTag("same span", "no call");
      }
      try (Span c = Sentry.startSpan("db.query")) {
        child = c;
      }
    }
    List<RecordingSpanListener.Call> calls = RecordingSpanListener.stop();
    assertThat(calls).extracting(c -> c.span).containsExactly(tx, child, tx, null);
    assertThat(calls)
        .extracting(c -> c.kind)
        .containsExactly("pushed", "pushed", "restored", "restored");
    // each undoing hands back what its own push returned
    assertThat(calls.get(2).memento).isEqualTo(calls.get(1).memento);
    assertThat(calls.get(3).memento).isEqualTo(calls.get(0).memento);
    assertThat(calls.get(3).context.getTraceId())
        .isEqualTo(ScopeStorage.current().getPropagationContext().getTraceId());
    assertThat(calls).allSatisfy(c -> assertThat(c.context).isNotNull());
  }

  @Test
  void isToldWhenContinueTraceReplacesTheTraceWithTracingOff() {
    init(o -> {});
    RecordingSpanListener.start();
    Transaction tx =
        Sentry.continueTrace(
            Map.of("sentry-trace", "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1"),
            "op",
            "n");
    Sentry.continueTrace(
        Map.of("sentry-trace", "771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1"),
        "op",
        "n",
        TransactionOptions.builder().setBindToScope(false).build());
    List<RecordingSpanListener.Call> calls = RecordingSpanListener.stop();
    assertThat(calls).extracting(c -> c.kind).containsExactly("pushed", "changed");
    assertThat(calls.get(0).span).as("made current, as startTransaction's").isSameAs(tx);
    assertThat(calls)
        .allSatisfy(
            c -> assertThat(c.context.getTraceId()).isEqualTo("771a43a4192642f0b136d5159a501700"));
  }

  @Test
  void closingAnOuterSpanFirstHandsBackTheMementoOfTheOutermostPush() {
    init(o -> o.setTracesSampleRate(1.0));
    RecordingSpanListener.start();
    Transaction tx = Sentry.startTransaction("job", "task");
    Span child = Sentry.startSpan("db.query");
    Span grandchild = Sentry.startSpan("db.row");
    tx.finish(); // ends the two inner pushes too
    assertThat(Sentry.getCurrentSpan()).isNull();
    grandchild.finish();
    child.finish();
    List<RecordingSpanListener.Call> calls = RecordingSpanListener.stop();
    assertThat(calls)
        .extracting(c -> c.kind)
        .containsExactly("pushed", "pushed", "pushed", "restored");
    RecordingSpanListener.Call restored = calls.get(3);
    assertThat(restored.span).isNull();
    assertThat(restored.memento).isEqualTo(calls.get(0).memento);
  }

  @Test
  void aScopeThatChangedNoSpanPassesOnTheMementoOfTheSpanInsideIt() {
    init(o -> o.setTracesSampleRate(1.0));
    try (Transaction tx = Sentry.startTransaction("job", "task")) {
      RecordingSpanListener.start();
      ScopeToken scope = Sentry.newScope(); // same span: no call, no memento
      Span child = Sentry.startSpan("db.query");
      scope.close(); // out of order: undoes the child's push as well
      assertThat(Sentry.getCurrentSpan()).isSameAs(tx);
      child.finish();
      List<RecordingSpanListener.Call> calls = RecordingSpanListener.stop();
      assertThat(calls).extracting(c -> c.kind).containsExactly("pushed", "restored");
      assertThat(calls.get(1).span).isSameAs(tx);
      assertThat(calls.get(1).memento).isEqualTo(RecordingSpanListener.mementoOf(child, null));
    }
  }

  @Test
  void aThrowingListenerNeitherReachesTheApplicationNorBreaksTheScopes() {
    init(o -> o.setTracesSampleRate(1.0));
    RecordingSpanListener.start();
    try (Transaction tx = Sentry.startTransaction("job", "task")) {
      try (Span boom = Sentry.startSpan("listener-boom")) {
        assertThat(Sentry.getCurrentSpan()).isSameAs(boom);
      }
      assertThat(Sentry.getCurrentSpan()).isSameAs(tx);
    }
    assertThat(RecordingSpanListener.stop()).hasSize(4);
    assertThat(Sentry.getCurrentSpan()).isNull();
  }
}
