package dev.sentry4j.internal.clientreport;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts dropped items by reason and category, for client reports and health endpoints.
 * Thread-safe; {@link #drain()} reads and resets atomically per key, {@link #snapshot()} only
 * reads.
 */
public final class DiscardCounter {
  private final Map<DiscardReason, Map<DataCategory, AtomicLong>> pending =
      new EnumMap<>(DiscardReason.class);
  private final ConcurrentHashMap<String, AtomicLong> totals = new ConcurrentHashMap<>();

  /** A counter with all keys zero. */
  public DiscardCounter() {
    for (DiscardReason reason : DiscardReason.values()) {
      Map<DataCategory, AtomicLong> byCategory = new EnumMap<>(DataCategory.class);
      for (DataCategory category : DataCategory.values()) {
        byCategory.put(category, new AtomicLong());
      }
      pending.put(reason, byCategory);
    }
  }

  /** Records {@code quantity} dropped items. */
  public void record(DiscardReason reason, DataCategory category, long quantity) {
    if (quantity <= 0) {
      return;
    }
    pending.get(reason).get(category).addAndGet(quantity);
    totals
        .computeIfAbsent(reason.wireName() + ":" + category.wireName(), k -> new AtomicLong())
        .addAndGet(quantity);
  }

  /** Takes the pending counts (non-zero only) and resets them; keys are reason, then category. */
  public Map<DiscardReason, Map<DataCategory, Long>> drain() {
    return read(true);
  }

  /**
   * The pending counts (non-zero only), left in place: a copy kept elsewhere (on disk) must not
   * take them away from a report being made meanwhile.
   */
  public Map<DiscardReason, Map<DataCategory, Long>> snapshot() {
    return read(false);
  }

  private Map<DiscardReason, Map<DataCategory, Long>> read(boolean reset) {
    Map<DiscardReason, Map<DataCategory, Long>> out = new EnumMap<>(DiscardReason.class);
    for (Map.Entry<DiscardReason, Map<DataCategory, AtomicLong>> r : pending.entrySet()) {
      for (Map.Entry<DataCategory, AtomicLong> c : r.getValue().entrySet()) {
        long n = reset ? c.getValue().getAndSet(0) : c.getValue().get();
        if (n > 0) {
          out.computeIfAbsent(r.getKey(), k -> new EnumMap<>(DataCategory.class))
              .put(c.getKey(), n);
        }
      }
    }
    return out;
  }

  /** Puts counts back (an envelope carrying them was lost). */
  public void restore(Map<DiscardReason, Map<DataCategory, Long>> counts) {
    for (Map.Entry<DiscardReason, Map<DataCategory, Long>> r : counts.entrySet()) {
      for (Map.Entry<DataCategory, Long> c : r.getValue().entrySet()) {
        pending.get(r.getKey()).get(c.getKey()).addAndGet(c.getValue());
      }
    }
  }

  /** Totals since start, as {@code "reason:category" -> count}, never reset. */
  public Map<String, Long> totals() {
    Map<String, Long> out = new LinkedHashMap<>();
    totals.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** The total since start for one reason and category. */
  public long total(DiscardReason reason, DataCategory category) {
    AtomicLong n = totals.get(reason.wireName() + ":" + category.wireName());
    return n == null ? 0 : n.get();
  }
}
