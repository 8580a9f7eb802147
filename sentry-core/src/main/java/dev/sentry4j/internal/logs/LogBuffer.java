package dev.sentry4j.internal.logs;

import dev.sentry4j.logs.LogItem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bounded buffer of Sentry Logs records between the logging threads and the flushes: bounded in
 * records and estimated bytes ({@link LogBufferLimits}), taken off in batches. It also keeps which
 * flushes are already scheduled, under the same lock, so that a burst schedules one of each.
 * Thread-safe. Internal, may change.
 */
final class LogBuffer {
  /** What {@link #offer} did. */
  enum Offer {
    /** Buffered; nothing new to schedule. */
    ACCEPTED,
    /** Buffered; a full batch is waiting: schedule a size-triggered flush. */
    ACCEPTED_FULL,
    /** Buffered; the first record since the last timed flush: arm the timer. */
    ACCEPTED_ARM_TIMER,
    /** Buffered; both of the above. */
    ACCEPTED_FULL_ARM_TIMER,
    /** Dropped: the buffer is full. */
    DROPPED_FULL,
    /** Dropped: the buffer is closed. */
    DROPPED_CLOSED
  }

  private final LogBufferLimits limits;
  private final ArrayDeque<LogItem> items = new ArrayDeque<>(); // guarded by this
  private long bytes; // guarded by this
  private boolean fullFlushPending; // guarded by this
  private boolean timerArmed; // guarded by this
  private boolean closed; // guarded by this

  LogBuffer(LogBufferLimits limits) {
    this.limits = limits;
  }

  /** Appends a record of {@code size} estimated bytes, if it fits. */
  synchronized Offer offer(LogItem item, long size) {
    if (closed) {
      return Offer.DROPPED_CLOSED;
    }
    if (items.size() >= limits.maxItems || bytes + size > limits.maxBytes) {
      return Offer.DROPPED_FULL;
    }
    items.addLast(item);
    bytes += size;
    boolean full = false;
    if (!fullFlushPending && hasFullBatch()) {
      fullFlushPending = true;
      full = true;
    }
    boolean arm = !timerArmed;
    timerArmed = true;
    if (full) {
      return arm ? Offer.ACCEPTED_FULL_ARM_TIMER : Offer.ACCEPTED_FULL;
    }
    return arm ? Offer.ACCEPTED_ARM_TIMER : Offer.ACCEPTED;
  }

  private boolean hasFullBatch() {
    return items.size() >= limits.batchSize || bytes >= limits.maxBatchBytes;
  }

  /** The size-triggered flush runs: a later full batch schedules a new one. */
  synchronized void fullFlushStarted() {
    fullFlushPending = false;
  }

  /** The timer fired: the next record arms it again. */
  synchronized void timerFired() {
    timerArmed = false;
  }

  /** Arms the timer if records wait and it is not armed; true when the caller must schedule it. */
  synchronized boolean armTimerIfWaiting() {
    if (!closed && !items.isEmpty() && !timerArmed) {
      timerArmed = true;
      return true;
    }
    return false;
  }

  /**
   * Takes up to one batch of at most {@code max} records off the front, or {@code null} when empty
   * (or, with {@code onlyIfFull}, when no full batch waits).
   */
  synchronized List<LogItem> takeBatch(boolean onlyIfFull, int max) {
    if (items.isEmpty() || (onlyIfFull && !hasFullBatch())) {
      return null;
    }
    int limit = Math.min(limits.batchSize, max);
    List<LogItem> batch = new ArrayList<>(Math.min(limit, items.size()));
    long taken = 0;
    while (!items.isEmpty() && batch.size() < limit) {
      long size = estimateBytes(items.peekFirst());
      if (!batch.isEmpty() && taken + size > limits.maxBatchBytes) {
        break;
      }
      batch.add(items.pollFirst());
      taken += size;
    }
    bytes -= taken;
    return batch;
  }

  /** Stops accepting records; false when it was closed already. */
  synchronized boolean close() {
    boolean first = !closed;
    closed = true;
    return first;
  }

  /** Removes and returns every record left. */
  synchronized List<LogItem> drainAll() {
    List<LogItem> left = new ArrayList<>(items);
    items.clear();
    bytes = 0;
    return left;
  }

  synchronized int size() {
    return items.size();
  }

  synchronized long bytes() {
    return bytes;
  }

  /**
   * A cheap estimate of a record's serialized size in bytes (characters, plus JSON overhead), used
   * for the memory bound, the batch bound and {@code log_byte} counts.
   */
  static long estimateBytes(LogItem item) {
    long size = 160 + item.getBody().length();
    for (Map.Entry<String, Object> a : item.getAttributes().entrySet()) {
      Object v = a.getValue();
      size += a.getKey().length() + 32 + (v instanceof String ? ((String) v).length() : 20);
    }
    return size;
  }
}
