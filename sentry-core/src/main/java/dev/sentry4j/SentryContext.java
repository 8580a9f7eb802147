package dev.sentry4j;

import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.internal.scope.Scopes;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.spi.ContextCarrier;
import dev.sentry4j.spi.Diagnostics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Carries the submitting thread's Sentry context — its scopes and current span, plus whatever
 * registered {@link ContextCarrier}s carry (the MDC with {@code sentry-slf4j-mdc}) — to the thread
 * that runs a task, and restores that thread's own state afterwards, so pooled threads never leak
 * one task's context into the next.
 *
 * <pre>{@code
 * ExecutorService pool = SentryContext.wrap(Executors.newFixedThreadPool(4));
 * CompletableFuture.supplyAsync(() -> loadOrder(id), pool)   // same trace, tags and MDC
 *     .thenApplyAsync(this::price, pool);
 * }</pre>
 *
 * <p>The task gets a fork of the current scope (its spans and {@code newScope()}s stay its own) and
 * shares the isolation scope (it works for the same request). Thread-safe.
 */
public final class SentryContext {
  private static final List<ContextCarrier> CARRIERS = loadCarriers();

  private SentryContext() {}

  private static List<ContextCarrier> loadCarriers() {
    List<ContextCarrier> carriers = new ArrayList<>();
    try {
      for (ContextCarrier c :
          ServiceLoader.load(ContextCarrier.class, SentryContext.class.getClassLoader())) {
        carriers.add(c);
      }
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warn(
          "contextcarrier", "Could not load a ContextCarrier; context still follows without it", e);
    }
    return List.copyOf(carriers);
  }

  /** A snapshot of the calling thread's context. */
  private static final class Snapshot {
    final Scopes scopes = ScopeStorage.current();
    final Object[] carried = new Object[CARRIERS.size()];

    Snapshot() {
      for (int i = 0; i < carried.length; i++) {
        try {
          carried[i] = CARRIERS.get(i).capture();
        } catch (RuntimeException e) {
          Diagnostics.warn("contextcarrier.capture", "A ContextCarrier failed to capture", e);
        }
      }
    }

    ScopeToken attach() {
      ScopeToken token = ScopeStorage.push(scopes.forkCurrent());
      ContextCarrier.Restorer[] restorers = new ContextCarrier.Restorer[carried.length];
      for (int i = 0; i < carried.length; i++) {
        try {
          restorers[i] = CARRIERS.get(i).restore(carried[i]);
        } catch (RuntimeException e) {
          Diagnostics.warn("contextcarrier.restore", "A ContextCarrier failed to restore", e);
        }
      }
      return () -> {
        for (int i = restorers.length - 1; i >= 0; i--) {
          if (restorers[i] != null) {
            try {
              restorers[i].close();
            } catch (RuntimeException e) {
              Diagnostics.warn("contextcarrier.close", "A ContextCarrier failed to clean up", e);
            }
          }
        }
        token.close();
      };
    }
  }

  /** {@code task}, running in the calling thread's context wherever it runs. */
  public static Runnable wrap(Runnable task) {
    Snapshot snapshot = new Snapshot();
    return () -> {
      try (ScopeToken ignored = snapshot.attach()) {
        task.run();
      }
    };
  }

  /** {@code task}, running in the calling thread's context wherever it runs. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Snapshot snapshot = new Snapshot();
    return () -> {
      try (ScopeToken ignored = snapshot.attach()) {
        return task.call();
      }
    };
  }

  /** {@code supplier}, running in the calling thread's context wherever it runs. */
  public static <T> Supplier<T> wrapSupplier(Supplier<T> supplier) {
    Snapshot snapshot = new Snapshot();
    return () -> {
      try (ScopeToken ignored = snapshot.attach()) {
        return supplier.get();
      }
    };
  }

  /** An executor that runs each task in the context of the thread that submitted it. */
  public static Executor wrap(Executor executor) {
    if (executor instanceof ExecutorService) {
      return wrap((ExecutorService) executor);
    }
    return task -> executor.execute(wrap(task));
  }

  /** An executor service that runs each task in the context of the thread that submitted it. */
  public static ExecutorService wrap(ExecutorService executor) {
    return executor instanceof ContextExecutorService
        ? executor
        : new ContextExecutorService(executor);
  }

  /** Delegates to an executor service, wrapping every task on submission. */
  private static final class ContextExecutorService implements ExecutorService {
    private final ExecutorService delegate;

    ContextExecutorService(ExecutorService delegate) {
      this.delegate = delegate;
    }

    private static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
      List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
      for (Callable<T> t : tasks) {
        wrapped.add(wrap(t));
      }
      return wrapped;
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(wrap(command));
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return delegate.submit(wrap(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return delegate.submit(wrap(task), result);
    }

    @Override
    public Future<?> submit(Runnable task) {
      return delegate.submit(wrap(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(
        Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException {
      return delegate.invokeAny(wrapAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return delegate.invokeAny(wrapAll(tasks), timeout, unit);
    }
  }
}
