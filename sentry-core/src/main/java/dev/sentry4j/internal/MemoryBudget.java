package dev.sentry4j.internal;

/**
 * Default byte budgets of the SDK's buffers, a small fraction of the heap ({@link
 * Runtime#maxMemory()}), so that the defaults are safe in a 64 MiB container and generous on a
 * large server. Every one can be overridden by an option. With {@code -Xmx64m}: 256 queued
 * envelopes, 3.9 MiB of serialized ones, 1.9 MiB of Sentry Logs records; with 2 GiB or more 256
 * envelopes, 32 MiB and 4 MiB. Internal, may change. Thread-safe (stateless).
 */
public final class MemoryBudget {
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  private MemoryBudget() {}

  /** The heap the budgets are cut from; an unlimited heap counts as 4 GiB. */
  public static long heap() {
    long max = Runtime.getRuntime().maxMemory();
    return max <= 0 || max == Long.MAX_VALUE ? 4096 * MIB : max;
  }

  /**
   * Default {@code maxQueueSize}: one envelope waiting for serialization per 64 KiB of heap,
   * between 100 and 256. Memory is not what limits it: an error event waiting for serialization
   * retains about 2.2 KiB (measured: an exception with a cause, 100 breadcrumbs in scope), more
   * with deep stacks or large MDC maps (capped at 256 KiB by the capture limits), so 64 KiB a slot
   * is ample. Time is: envelopes not serialized yet have no copy on disk, so a kill -9 loses them;
   * at about 1,000 serializations a second on a busy 2-core machine, 256 are on disk within about
   * 0.3 s. A capture that finds every slot taken serializes its own envelope (see {@code
   * AsyncTransport}), so a smaller queue costs the overloaded caller time, not events.
   */
  public static int queueSize() {
    return (int) clamp(heap() / (64 * KIB), 100, 256);
  }

  /** Default {@code maxQueueBytes}: 1/16 of the heap, between 1 MiB and 32 MiB. */
  public static long queueBytes() {
    return clamp(heap() / 16, MIB, 32 * MIB);
  }

  /** Default bytes of Sentry Logs records buffered: 1/32 of the heap, between 512 KiB and 4 MiB. */
  public static long logBytes() {
    return clamp(heap() / 32, 512 * KIB, 4 * MIB);
  }

  /**
   * Largest spool file read back into memory: 1/8 of the heap, between 2 MiB and 64 MiB. The SDK
   * writes files of about 1 MiB (a single larger envelope alone); a larger file is set aside
   * unread.
   */
  public static long spoolFileBytes() {
    return clamp(heap() / 8, 2 * MIB, 64 * MIB);
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }
}
