package dev.sentry4j.scope;

import dev.sentry4j.Hint;
import dev.sentry4j.Level;
import dev.sentry4j.SentryClient;
import dev.sentry4j.SentryId;
import dev.sentry4j.SentryOptions;
import dev.sentry4j.client.NoOpSentryClient;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Message;
import dev.sentry4j.internal.Diagnostics;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;
import java.util.function.Consumer;

/**
 * The three scopes in force at one point of a program — global, isolation and current — and the
 * capture calls that use them. {@code Sentry}'s static methods delegate to the calling thread's
 * instance; tests can build their own. Immutable (the scopes it holds are thread-safe); capture
 * methods never throw.
 */
public final class Scopes {
  private final Scope global;
  private final Scope isolation;
  private final Scope current;
  private final boolean settersOnCurrent;

  /**
   * Combines three scopes; the static setters write to the isolation scope.
   *
   * @param global the process-wide scope
   * @param isolation the request's or thread's scope
   * @param current the innermost scope
   */
  public Scopes(Scope global, Scope isolation, Scope current) {
    this(global, isolation, current, false);
  }

  private Scopes(Scope global, Scope isolation, Scope current, boolean settersOnCurrent) {
    this.global = global;
    this.isolation = isolation;
    this.current = current;
    this.settersOnCurrent = settersOnCurrent;
  }

  /** Fresh isolation and current scopes over {@code global}, as a new thread gets. */
  public static Scopes forThread(Scope global) {
    return new Scopes(global, new Scope(Scope.Kind.ISOLATION), new Scope(Scope.Kind.CURRENT));
  }

  /** The global scope. */
  public Scope getGlobalScope() {
    return global;
  }

  /** The isolation scope, where {@code Sentry.setTag} and friends write. */
  public Scope getIsolationScope() {
    return isolation;
  }

  /** The current scope. */
  public Scope getCurrentScope() {
    return current;
  }

  /**
   * The scope that {@code Sentry.setTag}, {@code setUser}, {@code setContext}, {@code setExtra} and
   * {@code setLevel} write to: the isolation scope, or inside {@code Sentry.newScope()} the forked
   * current scope, so that those writes end with the block.
   */
  public Scope getScopeForSetters() {
    return settersOnCurrent ? current : isolation;
  }

  /** The same scopes with the current one forked (spans do this); setters keep their target kind. */
  public Scopes forkCurrent() {
    return new Scopes(global, isolation, current.fork(), settersOnCurrent);
  }

  /** The same scopes with the current one forked and the static setters writing to the fork. */
  public Scopes forkCurrentForSetters() {
    return new Scopes(global, isolation, current.fork(), true);
  }

  /** New isolation and current scopes forked from these, with a new trace, as a request gets. */
  public Scopes forkIsolation() {
    Scope newIsolation = isolation.fork();
    newIsolation.setPropagationContext(PropagationContext.newTrace());
    Scope newCurrent = current.fork();
    newCurrent.setPropagationContext(null);
    newCurrent.setSpan(null);
    return new Scopes(global, newIsolation, newCurrent);
  }

  /** The client: current's, else isolation's, else global's, else a no-op client; never null. */
  public SentryClient getClient() {
    SentryClient c = current.getClient();
    if (c == null) {
      c = isolation.getClient();
    }
    if (c == null) {
      c = global.getClient();
    }
    return c != null ? c : NoOpSentryClient.INSTANCE;
  }

  /** Whether a client that sends is bound. */
  public boolean isEnabled() {
    return getClient().isEnabled();
  }

  /** The span current here, or {@code null}. */
  public Span getSpan() {
    return current.getSpan();
  }

  /** The propagation context: current's, else isolation's, else global's. */
  public PropagationContext getPropagationContext() {
    PropagationContext p = current.getPropagationContext();
    if (p == null) {
      p = isolation.getPropagationContext();
    }
    if (p == null) {
      p = global.getPropagationContext();
    }
    return p;
  }

  /** The trace of something captured here: the current span's, else the propagation context's. */
  public TraceContext getTraceContext() {
    Span span = getSpan();
    return span != null ? span.toTraceContext() : getPropagationContext().toTraceContext();
  }

  /**
   * Captures an event.
   *
   * @param event the event (copied; your object is not changed)
   * @param hint extra information for callbacks, or {@code null}
   * @param scopeCallback changes a fork of the current scope for this capture only, or {@code null}
   */
  public SentryId captureEvent(Event event, Hint hint, Consumer<Scope> scopeCallback) {
    if (event == null) {
      return SentryId.EMPTY;
    }
    SentryClient client = getClient();
    if (!client.isEnabled()) {
      return SentryId.EMPTY;
    }
    return capture(client, event.copy(), hint, scopeCallback);
  }

  /** Captures an exception as an error event (mechanism {@code generic}). */
  public SentryId captureException(Throwable throwable, Hint hint, Consumer<Scope> scopeCallback) {
    SentryClient client = getClient();
    if (throwable == null || !client.isEnabled()) {
      return SentryId.EMPTY;
    }
    Event event = new Event();
    event.setThrowable(throwable);
    event.setMechanismType("generic");
    return capture(client, event, hint, scopeCallback);
  }

  /** Captures a message; a {@code null} level lets the scope decide, else info. */
  public SentryId captureMessage(String message, Level level, Consumer<Scope> scopeCallback) {
    SentryClient client = getClient();
    if (message == null || !client.isEnabled()) {
      return SentryId.EMPTY;
    }
    Event event = new Event();
    event.setMessage(Message.of(message));
    event.setLevel(level);
    if (client.getOptions().isAttachStacktrace()) {
      event.setSyntheticStack(new Throwable("stack"));
    }
    return capture(client, event, null, scopeCallback);
  }

  private SentryId capture(
      SentryClient client, Event event, Hint hint, Consumer<Scope> scopeCallback) {
    Scopes scopes = this;
    if (scopeCallback != null) {
      scopes = forkCurrent();
      try {
        scopeCallback.accept(scopes.current);
      } catch (RuntimeException e) {
        Diagnostics.error("scopeCallback", "A capture's scope callback threw; ignored", e);
      }
    }
    return client.captureEvent(event, hint, scopes);
  }

  /**
   * Adds a breadcrumb to the isolation scope, after {@code beforeBreadcrumb}. Without a client that
   * sends, nothing is stored.
   */
  public void addBreadcrumb(Breadcrumb breadcrumb, Hint hint) {
    SentryClient client = getClient();
    if (breadcrumb == null || !client.isEnabled()) {
      return;
    }
    SentryOptions options = client.getOptions();
    Breadcrumb crumb = breadcrumb;
    SentryOptions.BeforeBreadcrumbCallback before = options.getBeforeBreadcrumb();
    if (before != null) {
      try {
        crumb = before.execute(breadcrumb, hint == null ? new Hint() : hint);
      } catch (RuntimeException e) {
        Diagnostics.error("beforeBreadcrumb", "beforeBreadcrumb threw; breadcrumb kept", e);
      }
    }
    if (crumb != null) {
      isolation.addBreadcrumb(crumb, options.getMaxBreadcrumbs());
    }
  }
}
