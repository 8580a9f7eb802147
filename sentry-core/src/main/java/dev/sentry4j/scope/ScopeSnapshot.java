package dev.sentry4j.scope;

import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.User;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionSource;
import java.util.AbstractList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * One scope's data at the moment {@link Scope#snapshot()} was called: tags, extras, contexts, user,
 * level, fingerprint, transaction name and source, running transaction, event processors and
 * breadcrumbs. Immutable, and shares its parts with the scope (the scope replaces a part when it is
 * written instead of changing it), so taking one costs the same for 1 or 100 breadcrumbs: this is
 * what a capture hands to the SDK's worker. Thread-safe.
 */
public final class ScopeSnapshot {
  /** A snapshot of an empty scope. */
  public static final ScopeSnapshot EMPTY = new ScopeSnapshot(Scope.Values.EMPTY, List.of());

  private final Scope.Values values;
  private final List<Breadcrumb> breadcrumbs;

  ScopeSnapshot(Scope.Values values, List<Breadcrumb> breadcrumbs) {
    this.values = values;
    this.breadcrumbs = breadcrumbs;
  }

  /** The tags (unmodifiable). */
  public Map<String, String> getTags() {
    return values.tags;
  }

  /** The extras, frozen when they were set (unmodifiable). */
  public Map<String, Object> getExtras() {
    return values.extras;
  }

  /** The contexts, frozen when they were set (unmodifiable). */
  public Map<String, Map<String, Object>> getContexts() {
    return values.contexts;
  }

  /** The user, or {@code null}. */
  public User getUser() {
    return values.user;
  }

  /** The level, or {@code null}. */
  public Level getLevel() {
    return values.level;
  }

  /** The fingerprint, or {@code null}. */
  public List<String> getFingerprint() {
    return values.fingerprint;
  }

  /** The transaction name, or {@code null}. */
  public String getTransactionName() {
    return values.transactionName;
  }

  /** The source of the transaction name, or {@code null}. */
  public TransactionSource getTransactionSource() {
    return values.transactionSource;
  }

  /** The transaction that was running in the scope, or {@code null}. */
  public Transaction getTransaction() {
    return values.transaction;
  }

  /** The event processors (unmodifiable). */
  public List<EventProcessor> getEventProcessors() {
    return values.processors;
  }

  /** The breadcrumbs, oldest first (unmodifiable). */
  public List<Breadcrumb> getBreadcrumbs() {
    return breadcrumbs;
  }

  /**
   * A read-only window on a breadcrumb buffer whose slots in the window are never written again.
   */
  static final class CrumbWindow extends AbstractList<Breadcrumb> implements RandomAccess {
    private final Breadcrumb[] slots;
    private final int from;
    private final int size;

    CrumbWindow(Breadcrumb[] slots, int from, int to) {
      this.slots = slots;
      this.from = from;
      this.size = to - from;
    }

    static List<Breadcrumb> of(Breadcrumb[] slots, int from, int to) {
      return slots == null || to <= from
          ? Collections.emptyList()
          : new CrumbWindow(slots, from, to);
    }

    @Override
    public Breadcrumb get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException("index " + index + ", size " + size);
      }
      return slots[from + index];
    }

    @Override
    public int size() {
      return size;
    }
  }
}
