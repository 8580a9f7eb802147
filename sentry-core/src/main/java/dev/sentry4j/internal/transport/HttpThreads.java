package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.SdkThread;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The daemon threads both HTTP senders run on; idle ones end after 30 s. */
final class HttpThreads {
  private static final long IDLE_SECONDS = 30;

  private HttpThreads() {}

  /**
   * A cached pool of {@code sentry4j-http-N} threads: one per request in flight, more started as
   * needed, idle ones end after 30 s. A thread that ran a task {@linkplain Doze dozes} before it
   * waits for the next, so that at a steady pace the sender hands a request over without a wake-up
   * call (see {@link RequestThreads}).
   */
  static ExecutorService requests() {
    return new RequestThreads(TimeUnit.SECONDS.toNanos(IDLE_SECONDS));
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
