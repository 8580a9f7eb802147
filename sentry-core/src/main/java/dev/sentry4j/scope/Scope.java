package dev.sentry4j.scope;

import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.User;
import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.UnaryOperator;

/**
 * Data applied to the events captured while it is active: tags, extras, contexts, user, level,
 * fingerprint, breadcrumbs, event processors, the current span and the propagation context.
 *
 * <p>There are three kinds, as in the Python SDK 2.x: one global scope per process, an isolation
 * scope per request or thread (where {@code Sentry.setTag} and friends write), and a current scope
 * forked by {@code Sentry.newScope()} and by spans.
 *
 * <p>Writes are rare and reads happen for every event, so the data is kept in immutable parts that
 * a write replaces (copy on write): {@link #snapshot()} and {@link #fork()} take them by reference,
 * whatever their size. Extras and contexts are frozen ({@code toString} of unknown objects, bounded
 * depth and size) once, when they are set. Breadcrumbs live in a buffer whose filled slots are
 * never written again, so a snapshot of them is a window on it, not a copy; the buffer is replaced
 * (keeping the newest) when it is full, which costs one array copy per {@code max} breadcrumbs.
 * Thread-safe: writes take a private lock (one compare-and-set to take it, a plain release store to
 * give it back, as a breadcrumb per log line is the hot write); snapshots of an unchanged scope
 * take no lock.
 */
public final class Scope {
  /** Which of the three scopes this is. */
  public enum Kind {
    /** One per process. */
    GLOBAL,
    /** One per request, job or thread. */
    ISOLATION,
    /** Forked by {@code newScope()} and by spans. */
    CURRENT
  }

  private static final AtomicReferenceFieldUpdater<Scope, PropagationContext> PROPAGATION =
      AtomicReferenceFieldUpdater.newUpdater(
          Scope.class, PropagationContext.class, "propagationContext");

  private static final VarHandle LOCK;

  static {
    try {
      LOCK = MethodHandles.lookup().findVarHandle(Scope.class, "locked", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The lock every write and every snapshot of the mutable fields takes: 1 while held. A spin lock,
   * as it is held for a few stores at a time, and not reentrant (nothing under it calls out).
   */
  @SuppressWarnings("unused") // through LOCK
  private volatile int locked;

  private final Kind kind;

  /** Everything but the breadcrumbs; replaced on write. Guarded by {@link #lock()} for writes. */
  private volatile Values values = Values.EMPTY;

  /**
   * The breadcrumb buffer; slots {@code [crumbStart, crumbEnd)} are this scope's. Guarded by lock.
   */
  private Breadcrumb[] crumbs;

  private int crumbStart;
  private int crumbEnd;

  /** Whether this scope may write into {@link #crumbs} past {@link #crumbEnd} (forks may not). */
  private boolean ownsCrumbs;

  /** The last snapshot, while nothing changed since; written under lock. */
  private volatile ScopeSnapshot snapshot;

  private volatile Span span;
  private volatile PropagationContext propagationContext;

  /** An empty scope of the given kind; global and isolation scopes start a new trace. */
  public Scope(Kind kind) {
    this.kind = kind;
    if (kind != Kind.CURRENT) {
      this.propagationContext = PropagationContext.newTrace();
    }
  }

  /** Which kind of scope this is. */
  public Kind getKind() {
    return kind;
  }

  /** An independent copy of this scope (same kind unless given); shares the data until written. */
  public Scope fork() {
    return fork(kind);
  }

  /** An independent copy of this scope, of the given kind; O(1), whatever the scope holds. */
  Scope fork(Kind newKind) {
    Scope copy = new Scope(newKind);
    lock();
    try {
      copy.values = values;
      copy.crumbs = crumbs;
      copy.crumbStart = crumbStart;
      copy.crumbEnd = crumbEnd;
      copy.snapshot = snapshot;
    } finally {
      unlock();
    }
    copy.span = span;
    copy.propagationContext = propagationContext;
    return copy;
  }

  /**
   * The scope's data now, for an event captured now: O(1), shares the scope's immutable parts (no
   * copy of maps or breadcrumbs). Never null.
   */
  public ScopeSnapshot snapshot() {
    ScopeSnapshot s = snapshot;
    if (s != null) {
      return s;
    }
    lock();
    try {
      s = snapshot;
      if (s == null) {
        s = new ScopeSnapshot(values, ScopeSnapshot.CrumbWindow.of(crumbs, crumbStart, crumbEnd));
        snapshot = s;
      }
      return s;
    } finally {
      unlock();
    }
  }

  /** Sets a tag; {@code null} removes it. */
  public void setTag(String key, String value) {
    if (key == null) {
      return;
    }
    update(
        v ->
            (value == null ? !v.tags.containsKey(key) : value.equals(v.tags.get(key)))
                ? v
                : v.edit(n -> n.tags = with(v.tags, key, value)));
  }

  /** Removes a tag. */
  public void removeTag(String key) {
    setTag(key, null);
  }

  /** The tags (an unmodifiable snapshot). */
  public Map<String, String> getTags() {
    return values.tags;
  }

  /** Sets an extra, frozen now (see {@link FrozenValues}); {@code null} removes it. */
  public void setExtra(String key, Object value) {
    if (key == null) {
      return;
    }
    Object frozen = value == null ? null : FrozenValues.freeze(value);
    update(
        v ->
            frozen == null && !v.extras.containsKey(key)
                ? v
                : v.edit(n -> n.extras = with(v.extras, key, frozen)));
  }

  /** Removes an extra. */
  public void removeExtra(String key) {
    setExtra(key, null);
  }

  /** The extras, frozen when set (an unmodifiable snapshot). */
  public Map<String, Object> getExtras() {
    return values.extras;
  }

  /** Sets a context (frozen now); {@code null} removes it. */
  public void setContext(String name, Map<String, ?> value) {
    if (name == null) {
      return;
    }
    Map<String, Object> frozen = value == null ? null : FrozenValues.freezeMap(value);
    update(
        v ->
            frozen == null && !v.contexts.containsKey(name)
                ? v
                : v.edit(n -> n.contexts = with(v.contexts, name, frozen)));
  }

  /** Removes a context. */
  public void removeContext(String name) {
    setContext(name, null);
  }

  /** The contexts, frozen when set (an unmodifiable snapshot). */
  public Map<String, Map<String, Object>> getContexts() {
    return values.contexts;
  }

  /** Sets the user; {@code null} removes it. */
  public void setUser(User user) {
    update(v -> v.edit(n -> n.user = user));
  }

  /** The user, or {@code null}. */
  public User getUser() {
    return values.user;
  }

  /** Sets the level that overrides captured events' default level; {@code null} removes it. */
  public void setLevel(Level level) {
    update(v -> v.edit(n -> n.level = level));
  }

  /** The level, or {@code null}. */
  public Level getLevel() {
    return values.level;
  }

  /** Sets the grouping fingerprint; {@code null} removes it. */
  public void setFingerprint(List<String> fingerprint) {
    List<String> copy = fingerprint == null ? null : List.copyOf(fingerprint);
    update(v -> v.edit(n -> n.fingerprint = copy));
  }

  /** The fingerprint, or {@code null}. */
  public List<String> getFingerprint() {
    return values.fingerprint;
  }

  /**
   * Sets the transaction name written on events and, as the Python SDK's {@code
   * set_transaction_name} does, renames the transaction running in this scope (if one is and it has
   * not finished; its source is kept).
   */
  public void setTransactionName(String name) {
    setTransactionName(name, null);
  }

  /**
   * Sets the transaction name written on events with its source ({@code transaction_info.source};
   * {@code null} keeps the current one), and renames the transaction running in this scope.
   */
  public void setTransactionName(String name, TransactionSource source) {
    update(
        v ->
            v.edit(
                n -> {
                  n.transactionName = name;
                  n.transactionSource = source != null ? source : v.transactionSource;
                }));
    Transaction tx = values.transaction;
    if (tx != null && name != null && !tx.isFinished()) {
      TransactionSource newSource = source != null ? source : tx.getSource();
      if (!name.equals(tx.getName()) || newSource != tx.getSource()) {
        tx.setName(name, newSource);
      }
    }
  }

  /** The source of the transaction name set on this scope, or {@code null}. */
  public TransactionSource getTransactionSource() {
    return values.transactionSource;
  }

  /**
   * The transaction the current span of this scope belongs to, or {@code null}. The SDK sets it
   * when it makes a transaction current; scopes forked from this one (child spans) keep it.
   */
  public Transaction getTransaction() {
    return values.transaction;
  }

  /** Sets the transaction running in this scope (the SDK does, when it binds one). */
  public void setTransaction(Transaction transaction) {
    update(v -> v.transaction == transaction ? v : v.edit(n -> n.transaction = transaction));
  }

  /** The transaction name, or {@code null}. */
  public String getTransactionName() {
    return values.transactionName;
  }

  /**
   * Adds a breadcrumb, dropping the oldest beyond {@code max}. Prefer {@code Sentry.addBreadcrumb},
   * which also runs {@code beforeBreadcrumb}. Allocates nothing but, once per {@code max}
   * breadcrumbs, a new buffer.
   */
  public void addBreadcrumb(Breadcrumb breadcrumb, int max) {
    if (breadcrumb == null || max <= 0) {
      return;
    }
    lock();
    try {
      Breadcrumb[] slots = crumbs;
      if (slots == null || !ownsCrumbs || crumbEnd == slots.length) {
        // a new buffer with the newest max - 1 (slots already filled are never written again)
        int keep = Math.min(crumbEnd - crumbStart, max - 1);
        Breadcrumb[] fresh = new Breadcrumb[Math.max(2 * max, 16)];
        if (keep > 0) {
          System.arraycopy(slots, crumbEnd - keep, fresh, 0, keep);
        }
        crumbs = slots = fresh;
        crumbStart = 0;
        crumbEnd = keep;
        ownsCrumbs = true;
      }
      slots[crumbEnd++] = breadcrumb;
      if (crumbEnd - crumbStart > max) {
        crumbStart = crumbEnd - max;
      }
      if (snapshot != null) { // a volatile store costs a fence: only when there is one to drop
        snapshot = null;
      }
    } finally {
      unlock();
    }
  }

  /** The breadcrumbs, oldest first (an unmodifiable snapshot). */
  public List<Breadcrumb> getBreadcrumbs() {
    return snapshot().getBreadcrumbs();
  }

  /** Removes all breadcrumbs. */
  public void clearBreadcrumbs() {
    lock();
    try {
      crumbStart = crumbEnd;
      snapshot = null;
    } finally {
      unlock();
    }
  }

  /** Adds an event processor that runs for events captured with this scope. */
  public void addEventProcessor(EventProcessor processor) {
    if (processor == null) {
      return;
    }
    update(
        v -> {
          List<EventProcessor> list = new ArrayList<>(v.processors.size() + 1);
          list.addAll(v.processors);
          list.add(processor);
          return v.edit(n -> n.processors = Collections.unmodifiableList(list));
        });
  }

  /** The event processors (an unmodifiable snapshot). */
  public List<EventProcessor> getEventProcessors() {
    return values.processors;
  }

  /** The span current in this scope, or {@code null}. */
  public Span getSpan() {
    return span;
  }

  /** Sets the current span. */
  public void setSpan(Span span) {
    this.span = span;
  }

  /** This scope's propagation context, or {@code null} (current scopes defer to isolation). */
  public PropagationContext getPropagationContext() {
    return propagationContext;
  }

  /** Replaces the propagation context. */
  public void setPropagationContext(PropagationContext context) {
    this.propagationContext = context;
  }

  /**
   * Atomically replaces the propagation context with {@code update} applied to it (which may run
   * more than once under contention, so it should have no side effects); returns the new one. The
   * SDK freezes the Dynamic Sampling Context this way without losing a concurrent {@link
   * #setPropagationContext}.
   */
  public PropagationContext updatePropagationContext(UnaryOperator<PropagationContext> update) {
    return PROPAGATION.updateAndGet(this, update);
  }

  /**
   * Removes all data (tags, extras, contexts, user, level, fingerprint, breadcrumbs, processors).
   */
  public void clear() {
    lock();
    try {
      values = Values.EMPTY;
      crumbStart = crumbEnd;
      snapshot = null;
    } finally {
      unlock();
    }
    span = null;
  }

  /** Takes the scope's lock, spinning (then yielding) while another thread holds it. */
  private void lock() {
    if (!LOCK.compareAndSet(this, 0, 1)) {
      lockContended();
    }
  }

  private void lockContended() {
    int spins = 0;
    while (!LOCK.compareAndSet(this, 0, 1)) {
      if (++spins < 64) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  /** Gives the lock back: a release store, which orders every write made under it before. */
  private void unlock() {
    LOCK.setRelease(this, 0);
  }

  /**
   * Replaces the values, under the lock, with {@code change} applied to them; a change that returns
   * the values it was given (nothing to do) publishes nothing.
   */
  private void update(UnaryOperator<Values> change) {
    lock();
    try {
      Values next = change.apply(values);
      if (next != values) {
        values = next;
        snapshot = null;
      }
    } finally {
      unlock();
    }
  }

  /**
   * A new unmodifiable map: {@code map} with {@code key} set to {@code value} ({@code null}:
   * removed).
   */
  private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
    Map<String, V> copy = new LinkedHashMap<>(map);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return copy.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(copy);
  }

  /**
   * A scope's data but its breadcrumbs. Immutable once published: a write edits a fresh copy
   * ({@link #edit}) before publishing it through the volatile {@code values} field.
   */
  static final class Values {
    static final Values EMPTY =
        new Values(
            Collections.emptyMap(),
            Collections.emptyMap(),
            Collections.emptyMap(),
            null,
            null,
            null,
            null,
            null,
            null,
            Collections.emptyList());

    Map<String, String> tags;
    Map<String, Object> extras;
    Map<String, Map<String, Object>> contexts;
    User user;
    Level level;
    List<String> fingerprint;
    String transactionName;
    TransactionSource transactionSource;

    /** The transaction running in the scope (not data: read by the worker for transaction_info). */
    Transaction transaction;

    List<EventProcessor> processors;

    Values(
        Map<String, String> tags,
        Map<String, Object> extras,
        Map<String, Map<String, Object>> contexts,
        User user,
        Level level,
        List<String> fingerprint,
        String transactionName,
        TransactionSource transactionSource,
        Transaction transaction,
        List<EventProcessor> processors) {
      this.tags = tags;
      this.extras = extras;
      this.contexts = contexts;
      this.user = user;
      this.level = level;
      this.fingerprint = fingerprint;
      this.transactionName = transactionName;
      this.transactionSource = transactionSource;
      this.transaction = transaction;
      this.processors = processors;
    }

    /** A copy of these values with {@code change} applied to the copy (never to these). */
    Values edit(java.util.function.Consumer<Values> change) {
      Values copy =
          new Values(
              tags,
              extras,
              contexts,
              user,
              level,
              fingerprint,
              transactionName,
              transactionSource,
              transaction,
              processors);
      change.accept(copy);
      return copy;
    }
  }
}
