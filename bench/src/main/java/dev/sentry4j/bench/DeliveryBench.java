package dev.sentry4j.bench;

import ch.qos.logback.classic.LoggerContext;
import dev.sentry4j.bench.sink.LoopbackSink;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * How much of a burst of errors reaches Sentry: logs N ERROR lines, each with a fresh exception,
 * through Logback configured from {@code logback-<variant>.xml} as fast as one thread can, then
 * does a normal {@link LoggerContext#stop()} and waits (bounded) until the loopback sink has been
 * quiet for a while. Prints one line, starting with {@code DELIVERY}, that the report generator
 * reads: captured, delivered (error events at the sink), reported dropped (client reports), spooled
 * (left in sentry4j's disk spool for the next start), lost (none of these), times, peak heap
 * (sampled, garbage included) and the heap still reachable right after the burst (after a full GC,
 * which is not timed as part of the burst or the stop).
 *
 * <p>Run each variant in its own JVM (SDKs are global): {@code java -cp benchmarks.jar
 * dev.sentry4j.bench.DeliveryBench <variant> <N>}; {@code --variants} prints the known variant ids.
 */
public final class DeliveryBench {

  /** The sink must have been idle this long after the stop before counting. */
  static final long QUIET_MILLIS = 2_000;

  /** Upper bound on the wait after the stop. */
  static final long MAX_WAIT_MILLIS = 20_000;

  private DeliveryBench() {}

  /**
   * Runs one burst and prints its {@code DELIVERY} line.
   *
   * @param args {@code <variant> <N>}, or {@code --variants}
   * @throws Exception if the variant cannot be configured or the sink cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && "--variants".equals(args[0])) {
      System.out.println(Variant.ids().replace(',', ' '));
      return;
    }
    if (args.length != 2 && args.length != 3) {
      System.err.println(
          "usage: DeliveryBench <variant> <N> [latencyMillis]   (variants: " + Variant.ids() + ")");
      System.exit(2);
    }
    long latency = args.length == 3 ? Long.parseLong(args[2]) : -1;
    Result result =
        run(Variant.of(args[0]), Integer.parseInt(args[1]), QUIET_MILLIS, MAX_WAIT_MILLIS, latency);
    System.out.println(result.line());
    // Everything is stopped; exit explicitly so that a stray non-daemon thread of an SDK cannot
    // hang
    // the runner script (the smoke run checks that there are none).
    System.exit(0);
  }

  /** Runs one burst of {@code n} errors and returns what the sink saw. */
  static Result run(Variant variant, int n, long quietMillis, long maxWaitMillis) throws Exception {
    return run(variant, n, quietMillis, maxWaitMillis, -1);
  }

  /**
   * Runs one burst against a sink that answers after {@code latencyMillis} (its own HTTP/1.1 server
   * with TCP_NODELAY), or against the plain loopback sink when {@code latencyMillis} is negative.
   */
  static Result run(
      Variant variant, int n, long quietMillis, long maxWaitMillis, long latencyMillis)
      throws Exception {
    if (n < 1) {
      throw new IllegalArgumentException("N must be at least 1, was " + n);
    }
    try (LoopbackSink sink =
        latencyMillis < 0 ? LoopbackSink.start() : LoopbackSink.startWithLatency(latencyMillis)) {
      BenchDsn.install(sink);
      try {
        LoggerContext context = LogbackSetup.configure(variant);
        Logger logger = context.getLogger(AppLogger.NAME);
        String orderId = "A-1042";
        System.gc();
        long heapStart = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        try (HeapSampler heap = HeapSampler.start()) {
          long t0 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            logger.error("payment failed for order {}", orderId, Failures.fresh());
          }
          long t1 = System.nanoTime();
          // What the burst left reachable (queued events, serialized envelopes): a full GC first.
          System.gc();
          long liveAfterBurst = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          long t1b = System.nanoTime();
          context.stop();
          long t2 = System.nanoTime();
          sink.restartQuietPeriod(); // quiet for 2 s after the stop, not since the last request
          boolean quiet = sink.awaitQuiet(quietMillis, maxWaitMillis);
          long t3 = System.nanoTime();
          System.out.println(
              "threads " + variant.id + " n=" + n + ", CPU: " + heap.threadCpuSummary());
          if (latencyMillis >= 0) {
            double sendingMillis =
                (t1 - t0) / 1e6
                    + (t1b - t1) / 1e6
                    + (t2 - t1b) / 1e6
                    + Math.max(0, (t3 - t2) / 1e6 - (quiet ? quietMillis : 0));
            System.out.println(
                String.format(
                    Locale.ROOT,
                    "LATENCY variant=%s latency_ms=%d n=%d delivered=%d delivered_per_s=%.0f"
                        + " reported_dropped=%d spooled=%d connections=%d burst_ms=%.0f stop_ms=%.0f"
                        + " drained=%s",
                    variant.id,
                    latencyMillis,
                    n,
                    sink.events(),
                    sink.events() * 1000.0 / Math.max(1, sendingMillis),
                    sink.discardedErrorsReported(),
                    BenchDsn.spooledEvents(),
                    sink.connections(),
                    (t1 - t0) / 1e6,
                    (t2 - t1b) / 1e6,
                    quiet));
          }
          return new Result(
              variant.id,
              n,
              sink.events(),
              sink.discardedErrorsReported(),
              BenchDsn.spooledEvents(),
              sink.envelopes(),
              (t1 - t0) / 1e6,
              (t1b - t1) / 1e6,
              (t2 - t1b) / 1e6,
              (t3 - t2) / 1e6,
              quietMillis,
              quiet,
              heapStart,
              heap.peakBytes(),
              liveAfterBurst);
        } finally {
          variant.shutDown();
        }
      } finally {
        BenchDsn.uninstall();
      }
    }
  }

  /** What one burst produced. */
  record Result(
      String variant,
      int captured,
      long delivered,
      long reportedDropped,
      long spooled,
      long envelopes,
      double burstMillis,
      double gcMillis,
      double stopMillis,
      double drainMillis,
      long quietMillis,
      boolean quiet,
      long heapStartBytes,
      long heapPeakBytes,
      long liveAfterBurstBytes) {

    /** Error events neither delivered, nor counted in a client report, nor kept on disk. */
    long lostUnreported() {
      return Math.max(0, captured - delivered - reportedDropped - spooled);
    }

    /** The {@code DELIVERY key=value ...} line the report generator parses. */
    String line() {
      return String.format(
          Locale.ROOT,
          "DELIVERY variant=%s n=%d captured=%d delivered=%d reported_dropped=%d spooled=%d"
              + " lost_unreported=%d envelopes=%d burst_ms=%.1f gc_ms=%.1f stop_ms=%.1f"
              + " drain_ms=%.0f quiet_ms=%d drained=%s heap_start_mb=%.1f peak_heap_mb=%.1f"
              + " live_after_burst_mb=%.1f",
          variant,
          captured,
          captured,
          delivered,
          reportedDropped,
          spooled,
          lostUnreported(),
          envelopes,
          burstMillis,
          gcMillis,
          stopMillis,
          drainMillis,
          quietMillis,
          quiet,
          heapStartBytes / 1048576.0,
          heapPeakBytes / 1048576.0,
          liveAfterBurstBytes / 1048576.0);
    }
  }
}
