package dev.sentry4j.internal.client;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Remembers captured throwables weakly, so that the same exception object (or one of its causes,
 * already sent on its own) is sent once, as when a log line and the uncaught handler both see it.
 * Thread-safe.
 */
final class Deduplicator {
  private final Map<Throwable, Boolean> seen = Collections.synchronizedMap(new WeakHashMap<>());

  /** Whether {@code t} or one of its causes was captured before. */
  boolean isDuplicate(Throwable t) {
    Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable c = t; c != null && visited.add(c); c = c.getCause()) {
      if (seen.containsKey(c)) {
        return true;
      }
    }
    return false;
  }

  /** Records {@code t} as captured. */
  void remember(Throwable t) {
    seen.put(t, Boolean.TRUE);
  }
}
