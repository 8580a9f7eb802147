package dev.sentry4j.scope;

import dev.sentry4j.event.Level;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.event.User;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * Data applied to the events captured while it is active: tags, extras, contexts, user, level,
 * fingerprint, breadcrumbs, event processors, the current span and the propagation context.
 *
 * <p>There are three kinds, as in the Python SDK 2.x: one global scope per process, an isolation
 * scope per request or thread (where {@code Sentry.setTag} and friends write), and a current scope
 * forked by {@code Sentry.newScope()} and by spans. Thread-safe: every method locks a private lock.
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

  private final Object lock = new Object();
  private final Kind kind;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final Map<String, Object> extras = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
  private final ArrayDeque<Breadcrumb> breadcrumbs = new ArrayDeque<>();
  private final List<EventProcessor> eventProcessors = new ArrayList<>();
  private User user;
  private Level level;
  private List<String> fingerprint;
  private String transactionName;
  private TransactionSource transactionSource;
  private volatile Transaction transaction;
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

  /** An independent copy of this scope (same kind unless given). */
  public Scope fork() {
    return fork(kind);
  }

  /** An independent copy of this scope, of the given kind. */
  Scope fork(Kind newKind) {
    Scope copy = new Scope(newKind);
    synchronized (lock) {
      copy.tags.putAll(tags);
      copy.extras.putAll(extras);
      for (Map.Entry<String, Map<String, Object>> e : contexts.entrySet()) {
        copy.contexts.put(e.getKey(), new LinkedHashMap<>(e.getValue()));
      }
      copy.breadcrumbs.addAll(breadcrumbs);
      copy.eventProcessors.addAll(eventProcessors);
      copy.user = user;
      copy.level = level;
      copy.fingerprint = fingerprint;
      copy.transactionName = transactionName;
      copy.transactionSource = transactionSource;
    }
    copy.span = span;
    copy.transaction = transaction;
    copy.propagationContext = propagationContext;
    return copy;
  }

  /** Sets a tag (values over 200 characters are cut); {@code null} removes it. */
  public void setTag(String key, String value) {
    if (key == null) {
      return;
    }
    synchronized (lock) {
      if (value == null) {
        tags.remove(key);
      } else {
        tags.put(key, value);
      }
    }
  }

  /** Removes a tag. */
  public void removeTag(String key) {
    setTag(key, null);
  }

  /** A copy of the tags. */
  public Map<String, String> getTags() {
    synchronized (lock) {
      return new LinkedHashMap<>(tags);
    }
  }

  /** Sets an extra (frozen when an event is captured); {@code null} removes it. */
  public void setExtra(String key, Object value) {
    if (key == null) {
      return;
    }
    synchronized (lock) {
      if (value == null) {
        extras.remove(key);
      } else {
        extras.put(key, value);
      }
    }
  }

  /** Removes an extra. */
  public void removeExtra(String key) {
    setExtra(key, null);
  }

  /** A copy of the extras. */
  public Map<String, Object> getExtras() {
    synchronized (lock) {
      return new LinkedHashMap<>(extras);
    }
  }

  /** Sets a context (copied); {@code null} removes it. */
  public void setContext(String name, Map<String, ?> value) {
    if (name == null) {
      return;
    }
    synchronized (lock) {
      if (value == null) {
        contexts.remove(name);
      } else {
        contexts.put(name, new LinkedHashMap<>(value));
      }
    }
  }

  /** Removes a context. */
  public void removeContext(String name) {
    setContext(name, null);
  }

  /** A copy of the contexts. */
  public Map<String, Map<String, Object>> getContexts() {
    synchronized (lock) {
      Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, Object>> e : contexts.entrySet()) {
        copy.put(e.getKey(), new LinkedHashMap<>(e.getValue()));
      }
      return copy;
    }
  }

  /** Sets the user; {@code null} removes it. */
  public void setUser(User user) {
    synchronized (lock) {
      this.user = user;
    }
  }

  /** The user, or {@code null}. */
  public User getUser() {
    synchronized (lock) {
      return user;
    }
  }

  /** Sets the level that overrides captured events' default level; {@code null} removes it. */
  public void setLevel(Level level) {
    synchronized (lock) {
      this.level = level;
    }
  }

  /** The level, or {@code null}. */
  public Level getLevel() {
    synchronized (lock) {
      return level;
    }
  }

  /** Sets the grouping fingerprint; {@code null} removes it. */
  public void setFingerprint(List<String> fingerprint) {
    synchronized (lock) {
      this.fingerprint = fingerprint == null ? null : List.copyOf(fingerprint);
    }
  }

  /** The fingerprint, or {@code null}. */
  public List<String> getFingerprint() {
    synchronized (lock) {
      return fingerprint;
    }
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
    synchronized (lock) {
      this.transactionName = name;
      if (source != null) {
        this.transactionSource = source;
      }
    }
    Transaction tx = transaction;
    if (tx != null && name != null && !tx.isFinished()) {
      TransactionSource newSource = source != null ? source : tx.getSource();
      if (!name.equals(tx.getName()) || newSource != tx.getSource()) {
        tx.setName(name, newSource);
      }
    }
  }

  /** The source of the transaction name set on this scope, or {@code null}. */
  public TransactionSource getTransactionSource() {
    synchronized (lock) {
      return transactionSource;
    }
  }

  /**
   * The transaction the current span of this scope belongs to, or {@code null}. The SDK sets it when
   * it makes a transaction current; scopes forked from this one (child spans) keep it.
   */
  public Transaction getTransaction() {
    return transaction;
  }

  /** Sets the transaction running in this scope (the SDK does, when it binds one). */
  public void setTransaction(Transaction transaction) {
    this.transaction = transaction;
  }

  /** The transaction name, or {@code null}. */
  public String getTransactionName() {
    synchronized (lock) {
      return transactionName;
    }
  }

  /**
   * Adds a breadcrumb, dropping the oldest beyond {@code max}. Prefer {@code Sentry.addBreadcrumb},
   * which also runs {@code beforeBreadcrumb}.
   */
  public void addBreadcrumb(Breadcrumb breadcrumb, int max) {
    if (breadcrumb == null || max <= 0) {
      return;
    }
    synchronized (lock) {
      breadcrumbs.addLast(breadcrumb);
      while (breadcrumbs.size() > max) {
        breadcrumbs.removeFirst();
      }
    }
  }

  /** A copy of the breadcrumbs, oldest first. */
  public List<Breadcrumb> getBreadcrumbs() {
    synchronized (lock) {
      return new ArrayList<>(breadcrumbs);
    }
  }

  /** Removes all breadcrumbs. */
  public void clearBreadcrumbs() {
    synchronized (lock) {
      breadcrumbs.clear();
    }
  }

  /** Adds an event processor that runs for events captured with this scope. */
  public void addEventProcessor(EventProcessor processor) {
    if (processor == null) {
      return;
    }
    synchronized (lock) {
      eventProcessors.add(processor);
    }
  }

  /** A copy of the event processors. */
  public List<EventProcessor> getEventProcessors() {
    synchronized (lock) {
      return eventProcessors.isEmpty()
          ? Collections.emptyList()
          : new ArrayList<>(eventProcessors);
    }
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

  /** Internal, for the SDK's scope machinery: replaces the propagation context only if it is still {@code expected} (freezing the DSC). */
  public boolean compareAndSetPropagationContext(PropagationContext expected, PropagationContext update) {
    return PROPAGATION.compareAndSet(this, expected, update);
  }

  /** Removes all data (tags, extras, contexts, user, level, fingerprint, breadcrumbs, processors). */
  public void clear() {
    synchronized (lock) {
      tags.clear();
      extras.clear();
      contexts.clear();
      breadcrumbs.clear();
      eventProcessors.clear();
      user = null;
      level = null;
      fingerprint = null;
      transactionName = null;
      transactionSource = null;
    }
    span = null;
    transaction = null;
  }
}
