package dev.sentry4j.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrentSpansTest extends ReceiverTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 50;

  @Test
  @Timeout(30)
  void childrenStartedAndFinishedOnManyThreadsAtOnceAllArrive() throws Exception {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction tx = Sentry.startTransaction("fan-out", "task");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await(10, TimeUnit.SECONDS);
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < PER_THREAD; i++) {
                    Span child = tx.startChild("work", "thread " + thread + " item " + i);
                    child.setTag("thread", String.valueOf(thread));
                    child.setData("item", i);
                    Span inner = child.startChild("inner");
                    inner.finish();
                    child.finish();
                    ids.add(child.getSpanId());
                    ids.add(inner.getSpanId());
                  }
                  return ids;
                }));
      }
      go.countDown();
      Set<String> started = new HashSet<>();
      for (Future<List<String>> f : futures) {
        started.addAll(f.get(20, TimeUnit.SECONDS));
      }
      assertThat(started).hasSize(THREADS * PER_THREAD * 2);
      tx.finish();
    } finally {
      pool.shutdownNow();
    }
    ReceivedEvent t = oneTransaction();
    List<JsonNode> spans = t.spans();
    assertThat(spans).hasSize(THREADS * PER_THREAD * 2);
    Set<String> received = new HashSet<>();
    for (JsonNode s : spans) {
      received.add(s.get("span_id").asText());
    }
    assertThat(received).hasSize(spans.size());
    for (JsonNode s : spans) {
      String parent = s.get("parent_span_id").asText();
      if (s.get("op").asText().equals("work")) {
        assertThat(parent).isEqualTo(tx.getSpanId());
      } else {
        assertThat(received).contains(parent);
      }
    }
  }

  @Test
  @Timeout(30)
  void finishingWhileChildrenAreStartedElsewhereIsSafe() throws Exception {
    init(o -> o.setTracesSampleRate(1.0));
    Transaction tx = Sentry.startTransaction("race", "task");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await(10, TimeUnit.SECONDS);
                  int n = 0;
                  for (int i = 0; i < 500; i++) {
                    Span s = tx.startChild("work");
                    s.finish();
                    n++;
                  }
                  return n;
                }));
      }
      go.countDown();
      tx.finish();
      for (Future<Integer> f : futures) {
        assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo(500);
      }
    } finally {
      pool.shutdownNow();
    }
    ReceivedEvent t = oneTransaction();
    assertThat(t.spans().size()).isLessThanOrEqualTo(2000);
  }
}
