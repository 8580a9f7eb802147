package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.SdkThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP senders' request threads: a cached pool (a task runs at once, on an idle thread or a new
 * one; a thread idle for a while ends) whose threads {@linkplain Doze doze} after a task. A {@code
 * ThreadPoolExecutor} on a {@code SynchronousQueue} wakes a waiting thread for each task: a system
 * call on the sender thread and a context switch on the pool's, per request. Here a task is handed
 * to the thread that was idle last (a stack: the others stay asleep and end in time); if that
 * thread is dozing it finds the task within {@link Doze#NANOS} without being woken, and only a
 * thread that has stopped dozing is unparked.
 *
 * <p>The hand-over: {@link #execute} takes an idle thread off the stack (so no other task can claim
 * it), sets its task, then unparks it if it is {@code blocked}; the thread sets {@code blocked}
 * before it looks at its task a last time and parks. Both fields are volatile, so one of the two
 * sees the other's write: a task is never left with a parked thread. A thread ends after {@code
 * idleNanos} without a task only if it can take itself off the stack; if it cannot, a task is being
 * handed to it and it waits for it.
 *
 * <p>{@link #shutdown} and {@link #shutdownNow} both stop every thread at once (interrupting a
 * running task) and drop tasks handed over but not started: the senders fail their answers before
 * they shut the pool down. Thread-safe.
 */
final class RequestThreads extends AbstractExecutorService {
  /** One pool thread and what is handed to it. */
  private static final class Worker {
    Thread thread; // set before the worker is shared
    volatile Runnable task;
    volatile boolean blocked;
  }

  private final long idleNanos;
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger names = new AtomicInteger();
  private volatile boolean shutdown;

  /**
   * Creates an empty pool.
   *
   * @param idleNanos how long a thread waits for a task, after its dozes, before it ends
   */
  RequestThreads(long idleNanos) {
    this.idleNanos = idleNanos;
  }

  @Override
  public void execute(Runnable task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    if (shutdown) {
      throw new RejectedExecutionException("shut down");
    }
    Worker w = idle.pollFirst();
    if (w == null) {
      start(task);
      return;
    }
    w.task = task;
    if (w.blocked) {
      LockSupport.unpark(w.thread); // stopped dozing: wake it (a dozing one finds the task itself)
    }
  }

  private void start(Runnable first) {
    Worker w = new Worker();
    w.task = first;
    w.thread = new SdkThread(() -> work(w), "http-" + names.incrementAndGet());
    workers.add(w);
    if (shutdown) { // shut down meanwhile: shutdownNow may not have seen this worker
      workers.remove(w);
      throw new RejectedExecutionException("shut down");
    }
    w.thread.start();
  }

  private void work(Worker w) {
    Doze doze = new Doze();
    try {
      while (!shutdown) {
        Runnable task = w.task;
        w.task = null;
        Thread.interrupted(); // an interrupt meant for the last task must not hit this one
        try {
          task.run();
        } catch (RuntimeException e) { // NOPMD: the senders' tasks report their own failures
          // the thread goes on, as a pool thread replaced after a failure would
        }
        doze.busy();
        idle.addFirst(w);
        if (!awaitTask(w, doze)) {
          return;
        }
      }
    } finally {
      workers.remove(w);
      idle.remove(w);
    }
  }

  /** Waits until a task is handed to {@code w}; false when the thread must end instead. */
  private boolean awaitTask(Worker w, Doze doze) {
    long idleSince = System.nanoTime();
    while (!shutdown) {
      if (w.task != null) {
        return true;
      }
      if (doze.canDoze()) {
        doze.sleep(Doze.NANOS);
        continue;
      }
      w.blocked = true;
      if (w.task == null && !shutdown) {
        long left = idleSince + idleNanos - System.nanoTime();
        if (left <= 0) {
          w.blocked = false;
          if (idle.remove(w)) {
            return false; // idle long enough; no task can be handed to it any more
          }
          // taken off the stack by execute: its task is being set; wait for it
          idleSince = System.nanoTime();
          continue;
        }
        LockSupport.parkNanos(this, left);
      }
      w.blocked = false;
    }
    return false;
  }

  @Override
  public void shutdown() {
    shutdownNow();
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> dropped = new ArrayList<>();
    for (Worker w : workers) {
      w.thread.interrupt();
      LockSupport.unpark(w.thread);
    }
    Worker w;
    while ((w = idle.pollFirst()) != null) {
      Runnable task = w.task;
      if (task != null) {
        dropped.add(task);
      }
    }
    return dropped;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && workers.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!isTerminated()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(Math.min(10, TimeUnit.NANOSECONDS.toMillis(left) + 1));
    }
    return true;
  }
}
