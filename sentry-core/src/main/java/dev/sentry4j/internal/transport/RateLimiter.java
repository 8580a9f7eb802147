package dev.sentry4j.internal.transport;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sentry's rate limits for one DSN: one deadline per data category plus one for all categories,
 * read from {@code X-Sentry-Rate-Limits} on any answer and from {@code Retry-After} (or 60 s) on a
 * 429 without it. A new limit only replaces a shorter one; unknown categories are ignored, an empty
 * list means every category. Thread-safe; the check on the capturing thread is one volatile read
 * and a clock read while no limit is active.
 */
final class RateLimiter {
  /** How long a 429 without headers limits everything. */
  static final long DEFAULT_RETRY_AFTER_NANOS = 60_000_000_000L;

  private final Ticker ticker;
  private final Object lock = new Object();
  private final long[] deadlines = new long[DataCategory.values().length]; // guarded by lock
  private final boolean[] limited = new boolean[DataCategory.values().length]; // guarded by lock
  private long allDeadline; // guarded by lock
  private boolean allLimited; // guarded by lock

  /** The latest deadline of any limit, for the fast path; only valid when {@link #everLimited}. */
  private volatile long latestDeadline;

  private volatile boolean everLimited;

  RateLimiter(Ticker ticker) {
    this.ticker = ticker;
  }

  /** Whether any limit may still be running. */
  boolean isActive() {
    return everLimited && latestDeadline - ticker.nanoTime() > 0;
  }

  /** Whether items of {@code category} must not be sent now. */
  boolean isLimited(DataCategory category) {
    if (!isActive()) {
      return false;
    }
    long now = ticker.nanoTime();
    synchronized (lock) {
      return (allLimited && allDeadline - now > 0)
          || (category != DataCategory.INTERNAL
              && limited[category.ordinal()]
              && deadlines[category.ordinal()] - now > 0);
    }
  }

  /**
   * Whether items of this type must not be sent now (unknown types only by an all-category limit).
   */
  boolean isLimited(ItemType type) {
    return isLimited(type == null ? DataCategory.INTERNAL : type.category());
  }

  /** Whether any item listed in a {@link Manifest} is limited now. */
  boolean coversAny(String manifest) {
    if (!isActive()) {
      return false;
    }
    for (Manifest.Entry e : Manifest.parse(manifest)) {
      if (isLimited(e.type)) {
        return true;
      }
    }
    return false;
  }

  /** Nanoseconds until the next running limit ends, or -1 when none runs. */
  long nanosUntilNextExpiry() {
    if (!isActive()) {
      return -1;
    }
    long now = ticker.nanoTime();
    long best = Long.MAX_VALUE;
    synchronized (lock) {
      if (allLimited && allDeadline - now > 0) {
        best = allDeadline - now;
      }
      for (int i = 0; i < deadlines.length; i++) {
        if (limited[i] && deadlines[i] - now > 0) {
          best = Math.min(best, deadlines[i] - now);
        }
      }
    }
    return best == Long.MAX_VALUE ? -1 : best;
  }

  /**
   * Drops the items of {@code envelope} that a running limit covers and counts them as {@code
   * ratelimit_backoff}: the whole envelope when its event or transaction is limited, else the
   * limited items alone. Nothing is serialized.
   *
   * @return the envelope to send (the same one when nothing was limited), or {@code null} when
   *     nothing is left
   */
  Envelope filter(Envelope envelope, DiscardCounter discards) {
    if (!isActive()) {
      return envelope;
    }
    boolean dropAll = false;
    List<EnvelopeItem> items = envelope.getItems();
    boolean[] drop = new boolean[items.size()];
    boolean any = false;
    for (int i = 0; i < drop.length; i++) {
      ItemType type = items.get(i).getType();
      drop[i] = isLimited(type);
      any |= drop[i];
      if (drop[i] && (type == ItemType.EVENT || type == ItemType.TRANSACTION)) {
        dropAll = true;
      }
    }
    if (!any) {
      return envelope;
    }
    List<EnvelopeItem> kept = new ArrayList<>(items.size());
    for (int i = 0; i < drop.length; i++) {
      if (dropAll || drop[i]) {
        Drops.record(discards, DiscardReason.RATELIMIT_BACKOFF, items.get(i));
      } else {
        kept.add(items.get(i));
      }
    }
    return kept.isEmpty() ? null : new Envelope(envelope.getEventId(), envelope.getTrace(), kept);
  }

  /** Applies the limits an answer carries (any status: a 200 may carry them too). */
  void update(HttpResult result) {
    long now = ticker.nanoTime();
    String header = result.getRateLimits();
    if (header != null && !header.trim().isEmpty()) {
      applyHeader(header, now);
    } else if (result.getStatus() == 429) {
      applyAll(now + retryAfterNanos(result.getRetryAfter()));
    }
  }

  private void applyHeader(String header, long now) {
    for (String limit : header.split(",")) {
      String text = limit.trim();
      if (text.isEmpty()) {
        continue;
      }
      String[] fields = text.split(":", -1);
      long nanos = seconds(fields[0].trim());
      if (nanos < 0) {
        continue;
      }
      String categories = fields.length > 1 ? fields[1].trim() : "";
      if (categories.isEmpty()) {
        applyAll(now + nanos);
        continue;
      }
      Set<DataCategory> known = EnumSet.noneOf(DataCategory.class);
      for (String name : categories.split(";")) {
        DataCategory c = categoryOf(name.trim().toLowerCase(Locale.ROOT));
        if (c != null) {
          known.add(c);
        }
      }
      for (DataCategory c : known) {
        apply(c, now + nanos);
      }
    }
  }

  /** Relay's category names mapped to what we send; {@code null} for names we ignore. */
  private static DataCategory categoryOf(String name) {
    switch (name) {
      case "error":
        return DataCategory.ERROR;
      case "transaction":
        return DataCategory.TRANSACTION;
      case "span":
        return DataCategory.SPAN;
      case "attachment":
      case "attachment_item":
        return DataCategory.ATTACHMENT;
      case "session":
        return DataCategory.SESSION;
      case "log_item":
      case "log_byte":
        return DataCategory.LOG_ITEM;
      case "monitor":
        return DataCategory.MONITOR;
      default:
        return null; // default, security, internal, and categories of items we never send
    }
  }

  private void apply(DataCategory category, long deadline) {
    synchronized (lock) {
      int i = category.ordinal();
      if (!limited[i] || deadline - deadlines[i] > 0) {
        limited[i] = true;
        deadlines[i] = deadline;
      }
      raiseLatest(deadline);
    }
  }

  private void applyAll(long deadline) {
    synchronized (lock) {
      if (!allLimited || deadline - allDeadline > 0) {
        allLimited = true;
        allDeadline = deadline;
      }
      raiseLatest(deadline);
    }
  }

  private void raiseLatest(long deadline) { // called with lock held
    if (!everLimited || deadline - latestDeadline > 0) {
      latestDeadline = deadline;
    }
    everLimited = true;
  }

  static long retryAfterNanos(String retryAfter) {
    long nanos = retryAfter == null ? -1 : seconds(retryAfter.trim());
    return nanos < 0 ? DEFAULT_RETRY_AFTER_NANOS : nanos;
  }

  /** Seconds as integer or decimal text, in nanoseconds; -1 when not a number. */
  private static long seconds(String text) {
    try {
      double s = Double.parseDouble(text);
      if (!(s >= 0) || Double.isInfinite(s)) {
        return -1;
      }
      return (long) Math.min(s * 1e9, 365 * 86_400e9);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
