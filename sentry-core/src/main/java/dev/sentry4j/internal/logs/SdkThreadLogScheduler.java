package dev.sentry4j.internal.logs;

import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.spi.Diagnostics;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link LogScheduler} on a single {@link SdkThread}. */
final class SdkThreadLogScheduler implements LogScheduler {
  private final ScheduledThreadPoolExecutor executor;

  SdkThreadLogScheduler() {
    executor = new ScheduledThreadPoolExecutor(1, task -> new SdkThread(task, "logs"));
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void schedule(Runnable task, Duration delay) {
    try {
      executor.schedule(() -> runSafely(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      Diagnostics.debug("Log flush not scheduled: the scheduler is shut down");
    }
  }

  @Override
  public void shutdown() {
    executor.shutdownNow();
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) { // the scheduler thread must survive anything
      if (t instanceof VirtualMachineError) {
        throw (VirtualMachineError) t;
      }
      Diagnostics.error("logs-flush", "Unexpected failure while flushing Sentry Logs", t);
    }
  }
}
