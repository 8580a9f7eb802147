package dev.sentry4j.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Snapshots and forks share the scope's data and never see later writes. */
class ScopeSnapshotTest {
  private static Breadcrumb crumb(int i) {
    return Breadcrumb.of(
        Instant.ofEpochSecond(1_700_000_000L + i), "test", Level.INFO, "crumb " + i);
  }

  private static List<String> messages(List<Breadcrumb> crumbs) {
    return crumbs.stream().map(Breadcrumb::getMessage).collect(Collectors.toList());
  }

  private static List<String> expected(int from, int toExclusive) {
    return IntStream.range(from, toExclusive)
        .mapToObj(i -> "crumb " + i)
        .collect(Collectors.toList());
  }

  @Test
  void aSnapshotKeepsWhatTheScopeHeldWhenItWasTaken() {
    Scope scope = new Scope(Scope.Kind.ISOLATION);
    scope.setTag("tenant", "acme");
    scope.setExtra("cart", 3);
    scope.addBreadcrumb(crumb(0), 100);
    ScopeSnapshot before = scope.snapshot();

    scope.setTag("tenant", "globex");
    scope.removeExtra("cart");
    scope.addBreadcrumb(crumb(1), 100);
    scope.setLevel(Level.WARNING);

    assertThat(before.getTags()).containsExactly(Map.entry("tenant", "acme"));
    assertThat(before.getExtras()).containsExactly(Map.entry("cart", 3L));
    assertThat(messages(before.getBreadcrumbs())).containsExactly("crumb 0");
    assertThat(before.getLevel()).isNull();
    ScopeSnapshot after = scope.snapshot();
    assertThat(after.getTags()).containsExactly(Map.entry("tenant", "globex"));
    assertThat(after.getExtras()).isEmpty();
    assertThat(messages(after.getBreadcrumbs())).containsExactly("crumb 0", "crumb 1");
    assertThat(after.getLevel()).isEqualTo(Level.WARNING);
  }

  @Test
  void anUnchangedScopeGivesTheSameSnapshotAgain() {
    Scope scope = new Scope(Scope.Kind.ISOLATION);
    scope.setTag("a", "b");
    for (int i = 0; i < 100; i++) {
      scope.addBreadcrumb(crumb(i), 100);
    }
    ScopeSnapshot first = scope.snapshot();
    assertThat(scope.snapshot()).isSameAs(first);
    scope.setTag("a", "b"); // same value: nothing changes
    assertThat(scope.snapshot()).isSameAs(first);
    scope.addBreadcrumb(crumb(100), 100);
    assertThat(scope.snapshot()).isNotSameAs(first);
  }

  @Test
  void breadcrumbsKeepTheNewestInOrderAcrossManyBuffers() {
    Scope scope = new Scope(Scope.Kind.ISOLATION);
    List<ScopeSnapshot> taken = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      scope.addBreadcrumb(crumb(i), 100);
      if (i % 37 == 0) {
        taken.add(scope.snapshot());
      }
    }
    assertThat(messages(scope.getBreadcrumbs())).isEqualTo(expected(900, 1_000));
    // every snapshot still shows what was there when it was taken
    for (int k = 0; k < taken.size(); k++) {
      int last = k * 37;
      assertThat(messages(taken.get(k).getBreadcrumbs()))
          .isEqualTo(expected(Math.max(0, last - 99), last + 1));
    }
  }

  @Test
  void aSmallerMaximumDropsTheOldest() {
    Scope scope = new Scope(Scope.Kind.ISOLATION);
    for (int i = 0; i < 10; i++) {
      scope.addBreadcrumb(crumb(i), 10);
    }
    scope.addBreadcrumb(crumb(10), 3);
    assertThat(messages(scope.getBreadcrumbs())).containsExactly("crumb 8", "crumb 9", "crumb 10");
  }

  @Test
  void aForkSharesUntilWrittenThenEachGoesItsOwnWay() {
    Scope parent = new Scope(Scope.Kind.CURRENT);
    parent.setTag("shared", "yes");
    parent.addBreadcrumb(crumb(0), 100);
    Scope fork = parent.fork();
    assertThat(fork.snapshot().getTags()).isSameAs(parent.snapshot().getTags());

    parent.addBreadcrumb(crumb(1), 100);
    fork.addBreadcrumb(crumb(2), 100);
    fork.setTag("fork", "only");
    parent.clearBreadcrumbs();
    parent.addBreadcrumb(crumb(3), 100);

    assertThat(messages(fork.getBreadcrumbs())).containsExactly("crumb 0", "crumb 2");
    assertThat(fork.getTags()).containsOnlyKeys("shared", "fork");
    assertThat(messages(parent.getBreadcrumbs())).containsExactly("crumb 3");
    assertThat(parent.getTags()).containsOnlyKeys("shared");
  }

  @Test
  void valuesAreFrozenWhenSetSoLaterChangesToTheCallersObjectsDoNotShow() {
    Scope scope = new Scope(Scope.Kind.ISOLATION);
    List<String> items = new ArrayList<>(List.of("apple"));
    scope.setExtra("items", items);
    scope.setContext("cart", Map.of("items", items));
    items.add("pear");
    assertThat(scope.snapshot().getExtras().get("items")).isEqualTo(List.of("apple"));
    assertThat(scope.snapshot().getContexts().get("cart"))
        .isEqualTo(Map.of("items", List.of("apple")));
  }

  @Test
  void clearEmptiesEverythingButEarlierSnapshots() {
    Scope scope = new Scope(Scope.Kind.ISOLATION);
    scope.setTag("a", "b");
    scope.addBreadcrumb(crumb(0), 100);
    ScopeSnapshot before = scope.snapshot();
    scope.clear();
    assertThat(scope.getTags()).isEmpty();
    assertThat(scope.getBreadcrumbs()).isEmpty();
    assertThat(before.getTags()).containsOnlyKeys("a");
    assertThat(messages(before.getBreadcrumbs())).containsExactly("crumb 0");
  }

  @Test
  void theTransactionAndItsSourceAreInTheSnapshotTakenWhileItRuns() {
    Scope scope = new Scope(Scope.Kind.CURRENT);
    scope.setTransactionName("GET /cart", dev.sentry4j.tracing.TransactionSource.ROUTE);
    ScopeSnapshot during = scope.snapshot();
    scope.setTransactionName("other", dev.sentry4j.tracing.TransactionSource.CUSTOM);

    assertThat(during.getTransactionName()).isEqualTo("GET /cart");
    assertThat(during.getTransactionSource())
        .isEqualTo(dev.sentry4j.tracing.TransactionSource.ROUTE);
    assertThat(scope.snapshot().getTransactionSource())
        .isEqualTo(dev.sentry4j.tracing.TransactionSource.CUSTOM);
    assertThat(during.getTransaction()).isNull();
  }

  @Test
  void aLazyBreadcrumbMessageIsCutWhenItIsMade() {
    Breadcrumb lazy =
        Breadcrumb.of(
            Instant.EPOCH, "test", Level.INFO, () -> "x".repeat(Breadcrumb.MAX_MESSAGE_CHARS + 10));

    assertThat(lazy.getMessage()).hasSize(Breadcrumb.MAX_MESSAGE_CHARS);
  }

  @Test
  @Timeout(60)
  void writersOnManyThreadsLoseNoBreadcrumbAndSnapshotsStayConsistent() throws Exception {
    Scope recent = new Scope(Scope.Kind.ISOLATION); // keeps 100: its buffer is replaced often
    Scope all = new Scope(Scope.Kind.ISOLATION); // keeps every one
    int writers = 3;
    int perWriter = 10_000;
    int max = 100;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      CountDownLatch go = new CountDownLatch(1);
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String category = "writer-" + w;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perWriter; i++) {
                    Breadcrumb b = Breadcrumb.of(1_700_000_000L, i, category, Level.INFO, "c" + i);
                    recent.addBreadcrumb(b, max);
                    all.addBreadcrumb(b, writers * perWriter);
                    if (i % 1000 == 0) {
                      recent.setTag(category, Integer.toString(i)); // a values write between
                    }
                  }
                  return null;
                }));
      }
      Future<Integer> reader =
          pool.submit(
              () -> {
                go.await();
                int snapshots = 0;
                while (writing.get()) {
                  List<Breadcrumb> seen = recent.snapshot().getBreadcrumbs();
                  assertThat(seen.size()).isLessThanOrEqualTo(max);
                  assertInWriterOrder(seen);
                  snapshots++;
                }
                return snapshots;
              });
      go.countDown();
      for (Future<?> f : done) {
        f.get(50, TimeUnit.SECONDS);
      }
      writing.set(false);
      assertThat(reader.get(50, TimeUnit.SECONDS)).isPositive();
    } finally {
      pool.shutdownNow();
    }

    List<Breadcrumb> kept = recent.getBreadcrumbs();
    assertThat(kept).hasSize(max);
    assertInWriterOrder(kept);
    assertThat(kept.get(max - 1).getMessage()).isEqualTo("c" + (perWriter - 1)); // the last write
    List<Breadcrumb> every = all.getBreadcrumbs();
    assertThat(every).hasSize(writers * perWriter); // none lost, none written twice
    assertInWriterOrder(every);
    assertThat(recent.snapshot().getTags()).containsEntry("writer-0", "9000");
  }

  /** Each writer's breadcrumbs (its sequence number in the nanoseconds) in the order written. */
  private static void assertInWriterOrder(List<Breadcrumb> crumbs) {
    Map<String, Integer> last = new HashMap<>();
    for (Breadcrumb b : crumbs) {
      assertThat(b).isNotNull();
      int n = b.getTimestamp().getNano();
      Integer before = last.put(b.getCategory(), n);
      assertThat(before == null || before < n).as("order of %s", b).isTrue();
    }
  }
}
