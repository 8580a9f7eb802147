package dev.sentry4j.internal.tracing;

import dev.sentry4j.scope.ScopeToken;

/**
 * The scope token that made a span current, and the thread it belongs to. {@link #restore()} closes
 * it only on that thread (a token closed elsewhere would be ignored with a warning); finished on
 * another thread, the span stays current there until an outer scope closes. Thread-safe.
 */
final class Binding {
  private volatile ScopeToken token;
  private volatile Thread owner;

  void set(ScopeToken value) {
    owner = Thread.currentThread();
    token = value;
  }

  void restore() {
    ScopeToken t = token;
    if (t != null && Thread.currentThread() == owner) {
      token = null;
      t.close();
    }
  }
}
