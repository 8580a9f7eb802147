package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RequestThreadsTest {
  private RequestThreads pool;

  @AfterEach
  void shutDown() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aTaskNeverWaitsForABusyThread() throws Exception {
    pool = new RequestThreads(TimeUnit.SECONDS.toNanos(30));
    CountDownLatch secondRan = new CountDownLatch(1);
    CountDownLatch firstDone = new CountDownLatch(1);
    pool.execute(
        () -> {
          try {
            // holds its thread until the second task ran: only another thread can run that
            if (secondRan.await(20, TimeUnit.SECONDS)) {
              firstDone.countDown();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    pool.execute(secondRan::countDown);

    assertThat(firstDone.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aTaskHandedToAThreadThatStoppedDozingWakesIt() throws Exception {
    pool = new RequestThreads(TimeUnit.SECONDS.toNanos(30));
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    CountDownLatch first = new CountDownLatch(1);
    pool.execute(
        () -> {
          ran.add(Thread.currentThread());
          first.countDown();
        });
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    Thread worker = ran.iterator().next();
    // past its dozes it parks until a task comes (or 30 s)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> worker.getState() == Thread.State.TIMED_WAITING && parkedLong(worker));

    CountDownLatch second = new CountDownLatch(1);
    pool.execute(
        () -> {
          ran.add(Thread.currentThread());
          second.countDown();
        });

    assertThat(second.await(10, TimeUnit.SECONDS)).as("the parked thread was woken").isTrue();
    assertThat(ran).as("the idle thread ran it; none was started").containsExactly(worker);
  }

  @Test
  void everyTaskFromManyThreadsRunsOnce() throws Exception {
    pool = new RequestThreads(TimeUnit.MILLISECONDS.toNanos(20)); // threads come and go
    int submitters = 4;
    int each = 2_000;
    AtomicInteger runs = new AtomicInteger();
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < submitters; s++) {
      int base = s * each;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  int id = base + i;
                  pool.execute(
                      () -> {
                        seen.add(id);
                        runs.incrementAndGet();
                      });
                  if (i % 97 == 0) {
                    // now and then long enough for threads to stop dozing or end
                    sleepQuietly(i % 2 == 0 ? 15 : 40);
                  }
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(40));
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() == submitters * each);
    assertThat(seen).hasSize(submitters * each);
  }

  @Test
  void idleThreadsEndAndANewTaskStartsOne() throws Exception {
    pool = new RequestThreads(TimeUnit.MILLISECONDS.toNanos(100));
    Set<Thread> workers = ConcurrentHashMap.newKeySet();
    CountDownLatch ran = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      pool.execute(
          () -> {
            workers.add(Thread.currentThread());
            ran.countDown();
          });
    }
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();

    await().atMost(Duration.ofSeconds(10)).until(() -> workers.stream().noneMatch(Thread::isAlive));
    assertThat(pool.isTerminated()).as("ended threads, not a shut-down pool").isFalse();

    CountDownLatch again = new CountDownLatch(1);
    pool.execute(again::countDown);
    assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shutdownNowEndsEveryThreadAndRefusesNewTasks() throws Exception {
    pool = new RequestThreads(TimeUnit.SECONDS.toNanos(30));
    Set<Thread> workers = ConcurrentHashMap.newKeySet();
    CountDownLatch started = new CountDownLatch(1);
    pool.execute(
        () -> {
          workers.add(Thread.currentThread());
          started.countDown();
          try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(30)); // a request cut by the interrupt
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    CountDownLatch idleOne = new CountDownLatch(1);
    pool.execute(
        () -> {
          workers.add(Thread.currentThread());
          idleOne.countDown();
        });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(idleOne.await(10, TimeUnit.SECONDS)).isTrue();

    pool.shutdownNow();

    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(workers).hasSize(2).noneMatch(Thread::isAlive);
    assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }

  /** Whether {@code t} is parked in the pool's long wait (blocker: the pool), not in a doze. */
  private boolean parkedLong(Thread t) {
    return java.util.concurrent.locks.LockSupport.getBlocker(t) == pool;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
