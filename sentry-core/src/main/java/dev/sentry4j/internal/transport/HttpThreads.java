package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.SdkThread;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The daemon threads both HTTP senders run on; idle ones end after 30 s. */
final class HttpThreads {
  private static final long IDLE_SECONDS = 30;

  private HttpThreads() {}

  /** A cached pool of {@code sentry4j-http-N} threads: one per request in flight. */
  static ExecutorService requests() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        IDLE_SECONDS,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        task -> new SdkThread(task, "http-" + count.incrementAndGet()));
  }

  /**
   * One {@code sentry4j-<name>} thread for deadlines: a cancelled task is removed at once (the
   * usual case: the answer came in time), and the thread ends when idle.
   */
  static ScheduledThreadPoolExecutor timer(String name) {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, task -> new SdkThread(task, name));
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }
}
