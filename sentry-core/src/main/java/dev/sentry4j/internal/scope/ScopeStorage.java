package dev.sentry4j.internal.scope;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.tracing.PropagationContext;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the active {@link Scopes} of each thread in a {@link ThreadLocal}, plus the process's
 * global scope. A thread that has none gets a fresh isolation and current scope on first use, so
 * scopes never leak between threads. {@link #reset()} (on {@code Sentry.close()}) makes every
 * thread start afresh on its next call. Thread-safe.
 *
 * <p>{@link dev.sentry4j.spi.SpanListener}s registered with {@link java.util.ServiceLoader} are
 * found when this class is first used, and told on the thread concerned when its current span or
 * propagation context changes through {@link #push} or a token's close; what they return for a push
 * is kept in its frame and handed back when the push is undone.
 */
public final class ScopeStorage {
  private static final Scope GLOBAL = new Scope(Scope.Kind.GLOBAL);

  /** The client installed by {@code Sentry.init}; shared by every thread's {@link Scopes}. */
  static final AtomicReference<SentryClient> CLIENT = new AtomicReference<>();

  private static final ThreadLocal<Frame> FRAMES = new ThreadLocal<>();
  private static volatile int generation;

  /** {@code null} unless a listener is registered: then each scope change costs one null check. */
  private static final SpanListeners LISTENERS = SpanListeners.load();

  private ScopeStorage() {}

  /** The process's global scope. */
  public static Scope globalScope() {
    return GLOBAL;
  }

  /** Installs {@code client} (or none, for {@code null}) process-wide; returns the previous one. */
  public static SentryClient bindClient(SentryClient client) {
    return CLIENT.getAndSet(client);
  }

  /** The client installed process-wide, or {@code null}. */
  public static SentryClient boundClient() {
    return CLIENT.get();
  }

  /** The calling thread's active scopes (created on first use). */
  public static Scopes current() {
    Frame frame = FRAMES.get();
    if (frame == null || frame.generation != generation) {
      frame = new Frame(Scopes.forThread(GLOBAL), null, generation);
      FRAMES.set(frame);
      if (LISTENERS != null) {
        LISTENERS.notify(frame.scopes); // the thread's first trace: MDC keys from its first use
      }
    }
    return frame.scopes;
  }

  /** Makes {@code scopes} active on this thread until the returned token is closed. */
  public static ScopeToken push(Scopes scopes) {
    Scopes before = current();
    Frame frame = new Frame(scopes, FRAMES.get(), generation);
    FRAMES.set(frame);
    if (LISTENERS != null) {
      frame.mementos = LISTENERS.pushed(before, scopes);
    }
    return frame;
  }

  /** Tells the listeners that {@code scopes}' propagation context was replaced in place. */
  static void propagationChanged(Scopes scopes) {
    if (LISTENERS != null) {
      LISTENERS.notify(scopes);
    }
  }

  /** Forgets every thread's scopes (lazily) and clears the global scope's data. */
  public static void reset() {
    generation++;
    GLOBAL.clear();
    GLOBAL.setPropagationContext(PropagationContext.newTrace());
  }

  /** One level of the per-thread stack; also the token that pops it. */
  private static final class Frame implements ScopeToken {
    final Scopes scopes;
    final Frame parent;
    final int generation;
    final Thread owner = Thread.currentThread();
    boolean closed;

    /** What the span listeners returned when this frame was pushed; {@code null} if not told. */
    Object[] mementos;

    Frame(Scopes scopes, Frame parent, int generation) {
      this.scopes = scopes;
      this.parent = parent;
      this.generation = generation;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        Diagnostics.warn(
            "A scope token was closed on thread '"
                + Thread.currentThread().getName()
                + "' but made on '"
                + owner.getName()
                + "'; ignored");
        return;
      }
      Frame top = FRAMES.get();
      for (Frame f = top; f != null; f = f.parent) {
        if (f == this) {
          // the outermost frame's mementos hold the state from before every frame closed here
          Object[] undone = null;
          for (Frame g = top; g != this; g = g.parent) {
            g.closed = true;
            if (g.mementos != null) {
              undone = g.mementos; // walking outwards: the last one found is the outermost
            }
          }
          if (mementos != null) {
            undone = mementos;
          }
          closed = true;
          FRAMES.set(parent);
          if (top != this) {
            Diagnostics.debug("A scope token was closed out of order; inner tokens were ended too");
          }
          if (LISTENERS != null) {
            LISTENERS.restored(undone, top.scopes, current());
          }
          return;
        }
      }
      closed = true; // ended by an outer token already, or from before a reset
    }
  }
}
