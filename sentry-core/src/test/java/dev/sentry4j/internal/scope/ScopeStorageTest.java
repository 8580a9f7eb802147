package dev.sentry4j.internal.scope;

import dev.sentry4j.scope.ScopeToken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
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
    Scopes mine = ScopeStorage.current();
    String otherThreadTag =
        CompletableFuture.supplyAsync(
                () -> {
                  token.close(); // made on another thread: ignored
                  return String.valueOf(Sentry.getIsolationScope().getTags().get("owner"));
                })
            .get(5, TimeUnit.SECONDS);
    assertThat(otherThreadTag).isEqualTo("null");
    assertThat(ScopeStorage.current()).isSameAs(mine);
    token.close();
    assertThat(Sentry.getIsolationScope().getTags()).containsEntry("owner", "main");
  }

  @Test
  void setterWritesInsideNewScopeEndWithTheBlockButBreadcrumbTargetIsIsolation() {
    Sentry.setTag("kept", "yes");
    try (ScopeToken ignored = Sentry.newScope()) {
      Sentry.setTag("temporary", "yes");
      assertThat(ScopeStorage.current().getScopeForSetters()).isSameAs(Sentry.getCurrentScope());
    }
    assertThat(Sentry.getIsolationScope().getTags()).containsOnlyKeys("kept");
  }

  @Test
  void closeResetsEveryThreadsScopes() {
    Sentry.setTag("before", "close");
    Sentry.close();
    assertThat(Sentry.getIsolationScope().getTags()).isEmpty();
  }
}
