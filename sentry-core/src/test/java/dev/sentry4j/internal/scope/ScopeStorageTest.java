package dev.sentry4j.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.testing.SentryReceiver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ScopeStorageTest {
  @AfterEach
  void reset() {
    Sentry.close();
  }

  @Test
  void tokenRestoresExactlyWhatWasThereBefore() {
    Scopes before = ScopeStorage.current();
    try (ScopeToken outer = Sentry.newScope()) {
      Scopes inOuter = ScopeStorage.current();
      assertThat(inOuter).isNotSameAs(before);
      try (ScopeToken inner = Sentry.newScope()) {
        assertThat(ScopeStorage.current()).isNotSameAs(inOuter);
      }
      assertThat(ScopeStorage.current()).isSameAs(inOuter);
    }
    assertThat(ScopeStorage.current()).isSameAs(before);
  }

  @Test
  void closingOutOfOrderEndsInnerTokensToo() {
    Scopes before = ScopeStorage.current();
    ScopeToken outer = Sentry.newScope();
    ScopeToken inner = Sentry.newScope();
    outer.close();
    assertThat(ScopeStorage.current()).isSameAs(before);
    inner.close(); // already ended by outer: does nothing
    assertThat(ScopeStorage.current()).isSameAs(before);
    outer.close(); // idempotent
    assertThat(ScopeStorage.current()).isSameAs(before);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void scopesNeverLeakBetweenThreadsAndForeignCloseIsIgnored() throws Exception {
    Sentry.setTag("owner", "main");
    ScopeToken token = Sentry.newScope();
    Sentry.setTag("block", "main");
    Scopes mine = ScopeStorage.current();
    Object[] seenByWorker =
        CompletableFuture.supplyAsync(
                () -> {
                  token.close(); // made on another thread: ignored
                  Scopes theirs = ScopeStorage.current();
                  Object[] seen = {
                    theirs,
                    String.valueOf(Sentry.getIsolationScope().getTags().get("owner")),
                    String.valueOf(Sentry.getCurrentScope().getTags().get("block"))
                  };
                  Sentry.setTag("owner", "worker"); // the worker's own isolation scope
                  return seen;
                })
            .get(5, TimeUnit.SECONDS);
    assertThat(seenByWorker[0]).isNotSameAs(mine);
    assertThat(seenByWorker[1]).isEqualTo("null");
    assertThat(seenByWorker[2]).isEqualTo("null");
    assertThat(ScopeStorage.current()).isSameAs(mine);
    assertThat(Sentry.getCurrentScope().getTags()).containsEntry("block", "main");
    token.close();
    assertThat(ScopeStorage.current()).isNotSameAs(mine);
    assertThat(Sentry.getIsolationScope().getTags()).containsEntry("owner", "main");
  }

  @Test
  void setterWritesInsideNewScopeEndWithTheBlockButBreadcrumbTargetIsIsolation() {
    try (SentryReceiver receiver = SentryReceiver.start()) {
      Sentry.init(receiver.dsn()); // breadcrumbs are kept only with a client that sends
      setterWritesAndBreadcrumbs();
    }
  }

  private void setterWritesAndBreadcrumbs() {
    Sentry.setTag("kept", "yes");
    try (ScopeToken ignored = Sentry.newScope()) {
      Sentry.setTag("temporary", "yes");
      Sentry.addBreadcrumb("inside the block");
      assertThat(ScopeStorage.current().getScopeForSetters()).isSameAs(Sentry.getCurrentScope());
      assertThat(Sentry.getCurrentScope().getBreadcrumbs()).isEmpty();
    }
    assertThat(Sentry.getIsolationScope().getTags()).containsOnlyKeys("kept");
    assertThat(Sentry.getIsolationScope().getBreadcrumbs())
        .extracting(b -> b.getMessage())
        .containsExactly("inside the block");
  }

  @Test
  void closeResetsEveryThreadsScopes() {
    Sentry.setTag("before", "close");
    Sentry.close();
    assertThat(Sentry.getIsolationScope().getTags()).isEmpty();
  }
}
