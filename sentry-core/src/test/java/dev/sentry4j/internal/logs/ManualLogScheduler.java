package dev.sentry4j.internal.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LogScheduler} driven by the test: time stands still until {@link #advance} moves it, and
 * due tasks then run on the test's thread. Thread-safe enough for tests that add records from
 * several threads and advance from one.
 */
public final class ManualLogScheduler implements LogScheduler {
  private final List<Task> tasks = new ArrayList<>();
  private long now;
  private boolean shutdown;

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    if (!shutdown) {
      tasks.add(new Task(now + delay.toNanos(), task));
    }
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
    tasks.clear();
  }

  /** Runs the tasks that are due now (size-triggered flushes). */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Moves time forward and runs every task due by then, in due order (also ones they schedule). */
  public void advance(Duration by) {
    long target;
    synchronized (this) {
      target = now + by.toNanos();
    }
    for (int guard = 0; guard < 10_000; guard++) {
      Task next;
      synchronized (this) {
        next = null;
        for (Task t : tasks) {
          if (t.due <= target && (next == null || t.due < next.due)) {
            next = t;
          }
        }
        if (next == null) {
          now = target;
          return;
        }
        tasks.remove(next);
        now = Math.max(now, next.due);
      }
      next.task.run();
    }
    throw new AssertionError("more than 10000 scheduled tasks ran: a flush loop?");
  }

  /** Tasks waiting. */
  public synchronized int pending() {
    return tasks.size();
  }

  private static final class Task {
    final long due;
    final Runnable task;

    Task(long due, Runnable task) {
      this.due = due;
      this.task = task;
    }
  }
}
