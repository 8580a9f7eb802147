package dev.sentry4j.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns any user value into an immutable, JSON-safe copy on the caller's thread: {@code null},
 * {@link String}, {@link Number}, {@link Boolean}, unmodifiable {@link List}s and {@link Map}s with
 * string keys. Other objects become their {@code toString()}. Cycles, depth, collection size and
 * string length are bounded, and a throwing {@code toString()} is described instead of propagated.
 * Internal, may change. Thread-safe (stateless).
 */
public final class FrozenValues {
  /** Maximum nesting depth kept; deeper values are replaced by a marker. */
  public static final int MAX_DEPTH = 10;

  /** Maximum entries kept per collection or map. */
  public static final int MAX_ENTRIES = 200;

  /** Maximum characters kept per string. */
  public static final int MAX_STRING = 16_384;

  private FrozenValues() {}

  /** Freezes {@code value}; never throws. */
  public static Object freeze(Object value) {
    return freeze(value, 0, null);
  }

  /** Freezes every value of {@code map} into a new unmodifiable map with string keys. */
  public static Map<String, Object> freezeMap(Map<?, ?> map) {
    if (map == null || map.isEmpty()) {
      return Collections.emptyMap();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> frozen = (Map<String, Object>) freeze(map, 0, null);
    return frozen;
  }

  private static Object freeze(Object value, int depth, Set<Object> seen) {
    if (value == null || value instanceof Boolean) {
      return value;
    }
    if (value instanceof String) {
      return Strings.truncate((String) value, MAX_STRING);
    }
    if (value instanceof Number) {
      return freezeNumber((Number) value);
    }
    if (value instanceof Character || value instanceof Enum) {
      return value.toString();
    }
    if (value instanceof Optional) {
      return freeze(((Optional<?>) value).orElse(null), depth, seen);
    }
    boolean container =
        value instanceof Map || value instanceof Iterable || value.getClass().isArray();
    if (!container) {
      return Strings.truncate(Strings.safeToString(value), MAX_STRING);
    }
    if (depth >= MAX_DEPTH) {
      return "[too deep]";
    }
    Set<Object> path = seen == null ? Collections.newSetFromMap(new IdentityHashMap<>()) : seen;
    if (!path.add(value)) {
      return "[cycle]";
    }
    try {
      if (value instanceof Map) {
        return freezeEntries((Map<?, ?>) value, depth, path);
      }
      if (value instanceof Iterable) {
        return freezeIterable((Iterable<?>) value, depth, path);
      }
      return freezeArray(value, depth, path);
    } catch (RuntimeException e) {
      // concurrent modification or a hostile collection: keep what describes it
      return "[unreadable " + value.getClass().getName() + ": " + e.getClass().getName() + "]";
    } finally {
      path.remove(value);
    }
  }

  private static Object freezeNumber(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? (Object) d : n.toString();
    }
    // BigDecimal, BigInteger, AtomicLong...: keep the exact text
    return Strings.safeToString(n);
  }

  private static Map<String, Object> freezeEntries(Map<?, ?> map, int depth, Set<Object> path) {
    Map<String, Object> out = new LinkedHashMap<>();
    int count = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (count++ >= MAX_ENTRIES) {
        out.put("...", "[" + (map.size() - MAX_ENTRIES) + " more entries]");
        break;
      }
      out.put(Strings.safeToString(e.getKey()), freeze(e.getValue(), depth + 1, path));
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<Object> freezeIterable(Iterable<?> items, int depth, Set<Object> path) {
    List<Object> out = new ArrayList<>();
    for (Object item : items) {
      if (out.size() >= MAX_ENTRIES) {
        out.add("[more items]");
        break;
      }
      out.add(freeze(item, depth + 1, path));
    }
    return Collections.unmodifiableList(out);
  }

  private static List<Object> freezeArray(Object array, int depth, Set<Object> path) {
    int length = Array.getLength(array);
    List<Object> out = new ArrayList<>(Math.min(length, MAX_ENTRIES + 1));
    for (int i = 0; i < length; i++) {
      if (i >= MAX_ENTRIES) {
        out.add("[" + (length - MAX_ENTRIES) + " more items]");
        break;
      }
      out.add(freeze(Array.get(array, i), depth + 1, path));
    }
    return Collections.unmodifiableList(out);
  }
}
